import { describe, expect, it } from "vitest";
import { costOfTokens, formatUsd, parseUsd } from "./money.js";

describe("parseUsd", () => {
  it("parses decimal strings exactly", () => {
    expect(parseUsd("0.15")).toBe(150_000_000n);
    expect(parseUsd("12")).toBe(12_000_000_000n);
    expect(parseUsd("0.000000001")).toBe(1n);
  });

  it("parses numbers through their decimal text, not float arithmetic", () => {
    expect(parseUsd(0.1)).toBe(100_000_000n);
    expect(parseUsd(2.675)).toBe(2_675_000_000n);
  });

  it("refuses negative amounts and more than nine decimals", () => {
    expect(() => parseUsd("-1")).toThrow(/non-negative/);
    expect(() => parseUsd("0.0000000001")).toThrow(/9 decimals/);
    expect(() => parseUsd("abc")).toThrow();
  });
});

describe("formatUsd", () => {
  it("trims trailing zeros and keeps the sign", () => {
    expect(formatUsd(9_800n)).toBe("0.0000098");
    expect(formatUsd(3_000_000_000n)).toBe("3");
    expect(formatUsd(-1_500_000_000n)).toBe("-1.5");
  });
});

describe("costOfTokens", () => {
  it("prices tokens per million and rounds up to a whole nano-USD", () => {
    expect(costOfTokens(6, 100_000_000n)).toBe(600n);
    expect(costOfTokens(1, 1n)).toBe(1n);
    expect(costOfTokens(0, 5_000_000_000n)).toBe(0n);
    expect(costOfTokens(3, 37_500_000n)).toBe(113n);
  });
});
