import { describe, expect, it } from "vitest";
import { usd } from "./money-text.js";

describe("usd", () => {
  it("writes nano-USD exactly, with the sign before the dollar sign", () => {
    expect(usd(12_000n)).toBe("$0.000012");
    expect(usd(-14_900n)).toBe("-$0.0000149");
    expect(usd(0n)).toBe("$0");
  });
});
