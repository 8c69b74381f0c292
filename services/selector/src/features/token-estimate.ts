/** Rough token count of text: about 4 characters per token, and about one per CJK character. */
export function estimateTokens(chars: number, cjkChars: number): number {
  return Math.max(1, Math.ceil((chars - cjkChars) / 4 + cjkChars * 0.9));
}
