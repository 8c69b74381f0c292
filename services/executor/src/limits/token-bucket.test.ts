import { describe, expect, it } from "vitest";
import { msUntilAvailable, refill } from "./token-bucket.js";

const bucket = { perMinute: 60 };

describe("token bucket", () => {
  it("refills at the per-minute rate, up to one minute's allowance", () => {
    expect(refill(bucket, { level: 0, atMs: 0 }, 1_000)).toEqual({ level: 1, atMs: 1_000 });
    expect(refill(bucket, { level: 59, atMs: 0 }, 10_000).level).toBe(60);
    expect(refill(bucket, { level: 5, atMs: 2_000 }, 1_000).level).toBe(5);
  });

  it("says how long until an amount is available, capping an oversized amount at the bucket", () => {
    expect(msUntilAvailable(bucket, { level: 3, atMs: 0 }, 1)).toBe(0);
    expect(msUntilAvailable(bucket, { level: 0.5, atMs: 0 }, 1)).toBe(500);
    expect(msUntilAvailable(bucket, { level: -2, atMs: 0 }, 1)).toBe(3_000);
    expect(msUntilAvailable(bucket, { level: 60, atMs: 0 }, 500)).toBe(0);
  });
});
