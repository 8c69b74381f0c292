import { describe, expect, it } from "vitest";
import { kindForStatus, ProviderError, retryAfterMsFrom } from "./provider-error.js";

const headers = (values: Record<string, string>) => new Headers(values);

describe("ProviderError", () => {
  it("is retryable for rate limits, outages, timeouts and garbled answers only", () => {
    const retryable = (kind: ProviderError["kind"]) => new ProviderError({ kind, provider: "p", message: "m" }).isRetryable;
    expect(["rate_limited", "unavailable", "timeout", "malformed_response"].map((kind) => retryable(kind as ProviderError["kind"]))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["context_length", "auth", "bad_request", "not_found", "cancelled"].map((kind) => retryable(kind as ProviderError["kind"]))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(new ProviderError({ kind: "unavailable", provider: "p", message: "m", retryable: false }).isRetryable).toBe(false);
  });

  it("is recognised by marker, not by instanceof", () => {
    const foreign = Object.assign(new Error("x"), { [Symbol.for("switchyard.provider-spec.ProviderError")]: true });
    expect(ProviderError.isInstance(foreign)).toBe(true);
    expect(ProviderError.isInstance(new Error("x"))).toBe(false);
  });

  it("maps HTTP statuses to failure kinds", () => {
    expect([429, 401, 403, 404, 408, 409, 500, 503, 400, 422].map(kindForStatus)).toEqual([
      "rate_limited",
      "auth",
      "auth",
      "not_found",
      "timeout",
      "unavailable",
      "unavailable",
      "unavailable",
      "bad_request",
      "bad_request",
    ]);
  });
});

describe("retryAfterMsFrom", () => {
  it("prefers retry-after-ms, then Retry-After seconds, then an HTTP date", () => {
    expect(retryAfterMsFrom(headers({ "retry-after-ms": "1500", "retry-after": "2" }))).toBe(1500);
    expect(retryAfterMsFrom(headers({ "retry-after": "2" }))).toBe(2000);
    const now = Date.parse("2026-11-23T12:00:00Z");
    expect(retryAfterMsFrom(headers({ "retry-after": "Mon, 23 Nov 2026 12:00:03 GMT" }), now)).toBe(3000);
    expect(retryAfterMsFrom(headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterMsFrom(undefined)).toBeUndefined();
  });
});
