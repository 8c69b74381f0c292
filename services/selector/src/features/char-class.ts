/** Character classes the featurizer distinguishes, by UTF-16 code unit. */
export const enum CharKind {
  Space = 0,
  Newline = 1,
  Word = 2,
  Cjk = 3,
  Symbol = 4,
}

/** True for Han, kana and Hangul code units: each one is a token of its own. */
export function isCjk(code: number): boolean {
  return (code >= 0x3040 && code <= 0x30ff) || (code >= 0x3400 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7af) || (code >= 0xf900 && code <= 0xfaff);
}

/** Classifies one code unit. */
export function charKind(code: number): CharKind {
  if (code === 10) return CharKind.Newline;
  if (code <= 32) return CharKind.Space;
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95) return CharKind.Word;
  if (code < 128) return CharKind.Symbol;
  if (isCjk(code)) return CharKind.Cjk;
  if (code === 0x3000 || code === 0xa0 || (code >= 0x2000 && code <= 0x200b)) return CharKind.Space;
  if ((code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xff0f) || (code >= 0x2010 && code <= 0x2bff)) return CharKind.Symbol;
  return CharKind.Word;
}

/** Character kind of every UTF-16 code unit, computed once: the scans pay one load per unit. */
export const kindTable = Uint8Array.from({ length: 65536 }, (_, code) => charKind(code));
