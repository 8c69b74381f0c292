import { describe, expect, it } from "vitest";
import { continueTrace, formatTraceparent, parseTraceparent } from "./trace-context.js";

describe("traceparent", () => {
  const header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  it("round-trips a valid header", () => {
    const parsed = parseTraceparent(header);
    expect(parsed).toEqual({ traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", sampled: true });
    expect(formatTraceparent(parsed!)).toBe(header);
  });

  it("rejects malformed and all-zero ids", () => {
    expect(parseTraceparent("00-xyz-00f067aa0ba902b7-01")).toBeUndefined();
    expect(parseTraceparent(`00-${"0".repeat(32)}-00f067aa0ba902b7-01`)).toBeUndefined();
    expect(parseTraceparent(undefined)).toBeUndefined();
  });

  it("continues the caller's trace with a new span, or starts a new trace", () => {
    const child = continueTrace(parseTraceparent(header));
    expect(child.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(child.spanId).not.toBe("00f067aa0ba902b7");
    const fresh = continueTrace(undefined);
    expect(fresh.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
