import { describe, expect, it } from "vitest";
import { localDay, periodWindow } from "./budget-period.js";

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

describe("periodWindow", () => {
  it("starts days at local midnight in the zone, not UTC", () => {
    const window = periodWindow("daily", "Europe/Paris", at("2026-01-15T23:30:00Z"));
    expect([iso(window.start), iso(window.end)]).toEqual(["2026-01-15T23:00:00.000Z", "2026-01-16T23:00:00.000Z"]);
    const before = periodWindow("daily", "Europe/Paris", at("2026-01-15T22:59:59.999Z"));
    expect(iso(before.start)).toBe("2026-01-14T23:00:00.000Z");
  });

  it("handles the days DST starts and ends (23 and 25 hours long)", () => {
    const spring = periodWindow("daily", "Europe/Paris", at("2026-03-29T12:00:00Z"));
    expect([iso(spring.start), iso(spring.end)]).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
    const autumn = periodWindow("daily", "America/New_York", at("2026-11-01T12:00:00Z"));
    expect([iso(autumn.start), iso(autumn.end)]).toEqual(["2026-11-01T04:00:00.000Z", "2026-11-02T05:00:00.000Z"]);
  });

  it("starts weeks on Monday and months on the 1st, across year ends", () => {
    const week = periodWindow("weekly", "UTC", at("2027-01-01T10:00:00Z"));
    expect([iso(week.start), iso(week.end)]).toEqual(["2026-12-28T00:00:00.000Z", "2027-01-04T00:00:00.000Z"]);
    const month = periodWindow("monthly", "Asia/Tokyo", at("2026-12-31T16:00:00Z"));
    expect([iso(month.start), iso(month.end)]).toEqual(["2026-12-31T15:00:00.000Z", "2027-01-31T15:00:00.000Z"]);
  });

  it("never resets a total budget", () => {
    expect(periodWindow("total", "UTC", at("2026-05-05T00:00:00Z"))).toEqual({ start: 0, end: undefined });
  });

  it("names the local day of an instant", () => {
    expect(localDay("Europe/Paris", at("2026-01-15T23:30:00Z"))).toBe("2026-01-16");
    expect(localDay("UTC", at("2026-01-15T23:30:00Z"))).toBe("2026-01-15");
  });
});
