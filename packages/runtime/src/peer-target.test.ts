import { describe, expect, it } from "vitest";
import { isSingleUrl, parsePeerTarget, peerTargetSchema } from "./peer-target.js";

describe("parsePeerTarget", () => {
  it("keeps one plain URL as a single URL", () => {
    const parts = parsePeerTarget("http://127.0.0.1:50053");
    expect(parts).toEqual([{ kind: "url", url: "http://127.0.0.1:50053" }]);
    expect(isSingleUrl(parts)).toBe(true);
  });

  it("splits a comma-separated list and reads dns:/// names", () => {
    const parts = parsePeerTarget(" http://127.0.0.1:1/, dns:///executor:50053 ");
    expect(parts).toEqual([
      { kind: "url", url: "http://127.0.0.1:1" },
      { kind: "dns", host: "executor", port: 50053 },
    ]);
    expect(isSingleUrl(parts)).toBe(false);
    expect(isSingleUrl(parsePeerTarget("dns:///executor:50053"))).toBe(false);
  });

  it.each([
    ["", /no peer address/],
    ["executor:50053", /use http:\/\/ or https:\/\//],
    ["not a url", /neither a URL nor dns/],
    ["dns:///executor", /expected dns:\/\/\/host:port/],
    ["dns:///executor:70000", /expected dns:\/\/\/host:port/],
  ])("refuses %j with a message that says why", (text, message) => {
    expect(() => parsePeerTarget(text)).toThrow(message);
    const parsed = peerTargetSchema.safeParse(text);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
  });
});
