import { endianness } from "node:os";

/** Zero code units kept after the text: look-ahead past its end reads 0, a code unit nothing matches. */
const sentinelUnits = 4;
const littleEndian = endianness() === "LE";

/**
 * The part of a prompt the featurizer reads, as UTF-16 code units in one reusable typed array.
 * Why: in V8's optimised code `String#charCodeAt` costs several times an indexed typed-array
 * load (it dispatches on the string's representation on every call), and the scan reads every
 * code unit; `Buffer#write` with `utf16le` copies a string's code units natively, unpaired
 * surrogates included. Not re-entrant: one per featurizer.
 */
export class CodeUnitBuffer {
  /** The code units of the last `load`, then zeros; valid up to `length + 4`. */
  readonly units: Uint16Array;
  private readonly bytes: Buffer;

  /** `capacity`: the most code units one `load` may hold. */
  constructor(capacity: number) {
    this.units = new Uint16Array(capacity + sentinelUnits);
    this.bytes = Buffer.from(this.units.buffer, this.units.byteOffset, this.units.byteLength);
  }

  /**
   * Loads `text` when it has at most `sampledChars` code units; otherwise its first and last
   * half of that, joined by one newline (where the instruction and the question are). Returns
   * the number of code units loaded.
   */
  load(text: string, sampledChars: number): number {
    let length = text.length;
    if (length <= sampledChars) this.put(text, 0);
    else {
      const half = sampledChars >> 1;
      this.put(text.slice(0, half), 0);
      this.units[half] = 10;
      this.put(text.slice(length - half), half + 1);
      length = 2 * half + 1;
    }
    this.units.fill(0, length, length + sentinelUnits);
    return length;
  }

  private put(text: string, at: number): void {
    if (littleEndian) this.bytes.write(text, 2 * at, "utf16le");
    else for (let index = 0; index < text.length; index += 1) this.units[at + index] = text.charCodeAt(index);
  }
}
