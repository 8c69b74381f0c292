/** Nano-US-dollars per US dollar. Money is always an integer count of nano-USD (bigint). */
export const nanoUsdPerUsd = 1_000_000_000n;

const decimalPattern = /^(\d+)(?:\.(\d{1,9}))?$/;

/**
 * Parses a decimal USD amount ("0.15", "12", 3.5) into nano-USD exactly, without going
 * through floating point arithmetic. More than nine decimals or a negative amount is refused.
 */
export function parseUsd(value: string | number): bigint {
  const text = typeof value === "number" ? numberToPlainString(value) : value.trim();
  const match = decimalPattern.exec(text);
  if (!match) throw new RangeError(`not a non-negative USD amount with at most 9 decimals: ${JSON.stringify(value)}`);
  const [, whole = "0", fraction = ""] = match;
  return BigInt(whole) * nanoUsdPerUsd + BigInt(fraction.padEnd(9, "0"));
}

/** Formats nano-USD as a decimal USD string with trailing zeros trimmed ("0.000012"). */
export function formatUsd(nanoUsd: bigint): string {
  const negative = nanoUsd < 0n;
  const magnitude = negative ? -nanoUsd : nanoUsd;
  const whole = magnitude / nanoUsdPerUsd;
  const fraction = (magnitude % nanoUsdPerUsd).toString().padStart(9, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/**
 * Cost of `tokens` at a price in nano-USD per million tokens, rounded up to a whole nano-USD
 * so that a call is never billed below its price.
 */
export function costOfTokens(tokens: bigint | number, nanoUsdPerMillionTokens: bigint): bigint {
  const product = BigInt(tokens) * nanoUsdPerMillionTokens;
  return (product + 999_999n) / 1_000_000n;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 });
}
