/** What chunking needs of a model's tokenizer (`TokenEstimator` from @switchyard/pricing fits). */
export interface TextCounter {
  countText(text: string): number;
}

/** One chunk of a document: its text, of which `overlap` (possibly empty) repeats the previous chunk's end. */
export interface DocumentChunk {
  readonly text: string;
  readonly overlap: string;
}

/**
 * Boundaries from the coarsest to the finest: paragraphs and headings, lines, sentences, words.
 * Each split keeps the separator on the piece before it, so joining the pieces restores the text.
 */
const boundaries: readonly RegExp[] = [/(?<=\n[ \t]*\n)(?=[^\n])|(?<=\n)(?=#{1,6}[ \t])/, /(?<=\n)/, /(?<=[.!?;:]["')\]]*\s+)/, /(?<=\s)(?=\S)/];

interface Piece {
  readonly text: string;
  readonly tokens: number;
}

/**
 * Cuts `text` into chunks of at most `chunkTokens` tokens (as `counter` counts them, summed over
 * pieces), each starting with up to `overlapTokens` tokens of the previous chunk's end. Cuts fall
 * on the coarsest boundary that keeps chunks within size: whole paragraphs when they fit, else
 * lines, sentences, words; a single word longer than a chunk is cut by characters (the only cut
 * that may fall inside a token).
 */
export function chunkDocument(text: string, counter: TextCounter, chunkTokens: number, overlapTokens: number): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let overlap: Piece = { text: "", tokens: 0 };
  let body: Piece[] = [];
  for (const piece of piecesOf(text, 0, chunkTokens, counter)) {
    if (body.length > 0 && overlap.tokens + total(body) + piece.tokens > chunkTokens) {
      const chunkText = overlap.text + body.map((each) => each.text).join("");
      chunks.push({ text: chunkText, overlap: overlap.text });
      overlap = tailOf(chunkText, Math.min(overlapTokens, chunkTokens - piece.tokens), counter);
      body = [];
    }
    body.push(piece);
  }
  if (body.length > 0) chunks.push({ text: overlap.text + body.map((each) => each.text).join(""), overlap: overlap.text });
  return chunks;
}

/** The pieces of `text` at boundary `level` and finer, none over `limit` tokens. */
function piecesOf(text: string, level: number, limit: number, counter: TextCounter): Piece[] {
  const boundary = boundaries[level];
  if (!boundary) return sliced(text, limit, counter);
  const parts = text.split(boundary).filter((part) => part !== "");
  return (level === 0 ? headingsWithText(parts) : parts).flatMap((part) => {
    const tokens = counter.countText(part);
    return tokens <= limit ? [{ text: part, tokens }] : piecesOf(part, level + 1, limit, counter);
  });
}

const headingOnly = /^#{1,6}[ \t][^\n]*\n\s*$/;

/** Paragraphs with each heading glued to the text under it, so no chunk ends on a bare heading. */
function headingsWithText(parts: readonly string[]): string[] {
  const glued: string[] = [];
  let heading = "";
  for (const part of parts) {
    if (headingOnly.test(part)) heading += part;
    else {
      glued.push(heading + part);
      heading = "";
    }
  }
  if (heading !== "") glued.push(heading);
  return glued;
}

/** Character slices of `text` of at most `limit` tokens each: the last resort for one huge word. */
function sliced(text: string, limit: number, counter: TextCounter): Piece[] {
  const pieces: Piece[] = [];
  let rest = text;
  while (rest !== "") {
    let length = Math.min(rest.length, Math.max(1, limit * 4));
    while (length > 1 && counter.countText(rest.slice(0, length)) > limit) length = Math.floor(length * 0.9);
    const part = rest.slice(0, length);
    pieces.push({ text: part, tokens: counter.countText(part) });
    rest = rest.slice(length);
  }
  return pieces;
}

/** The longest end of `text` made of whole pieces (lines, sentences, words) within `limit` tokens. */
function tailOf(text: string, limit: number, counter: TextCounter): Piece {
  if (limit <= 0) return { text: "", tokens: 0 };
  const pieces = piecesOf(text, 1, limit, counter);
  let tokens = 0;
  let start = pieces.length;
  while (start > 0 && tokens + pieces[start - 1]!.tokens <= limit) {
    start -= 1;
    tokens += pieces[start]!.tokens;
  }
  return {
    text: pieces
      .slice(start)
      .map((each) => each.text)
      .join(""),
    tokens,
  };
}

function total(pieces: readonly Piece[]): number {
  return pieces.reduce((sum, piece) => sum + piece.tokens, 0);
}
