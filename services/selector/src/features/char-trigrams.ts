import { CharKind, kindTable } from "./char-class.js";
import { charGramWindow } from "./feature-space.js";
import { finishHash } from "./text-hash.js";

const spaceKind: number = CharKind.Space;
const newlineKind: number = CharKind.Newline;

/**
 * The hashed character trigrams of the first and last `charGramWindow` code units (case folded
 * for ASCII, every run of white space as one space), each with the code-unit index where it is
 * emitted, in order. A pass of its own so that the tokenizer's loop stays small.
 */
export class CharTrigrams {
  readonly hashes = new Int32Array(2 * charGramWindow);
  readonly positions = new Int32Array(2 * charGramWindow);
  count = 0;

  /** Collects the trigrams of `text[0..length)`. */
  scan(text: Uint16Array, length: number): void {
    const kinds = kindTable;
    const [space, newline] = [spaceKind, newlineKind];
    const window = charGramWindow;
    const headEnd = length < window ? length : window;
    const tailStart = length - window > window ? length - window : window;
    let count = 0;
    let c1 = 32;
    let c2 = 32;
    for (let index = 0; index < length; index += 1) {
      if (index === headEnd) index = tailStart;
      const unit = text[index] as number;
      const kind = kinds[unit] as number;
      const folded = kind === space || kind === newline ? 32 : unit >= 65 && unit <= 90 ? unit + 32 : unit;
      if (folded === 32 && c2 === 32) continue;
      this.hashes[count] = finishHash(Math.imul(c1, 0x01000193) ^ Math.imul(c2, 0x9e3779b1) ^ folded ^ 0x27d4eb2f);
      this.positions[count] = index;
      count += 1;
      c1 = c2;
      c2 = folded;
    }
    this.count = count;
  }
}
