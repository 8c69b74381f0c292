import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { mapBounded, runBounded } from "./map-bounded.js";

function tracker() {
  let inFlight = 0;
  let maxInFlight = 0;
  const started: number[] = [];
  return {
    run: async (item: number) => {
      started.push(item);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(item % 3);
      inFlight -= 1;
      return item * 10;
    },
    max: () => maxInFlight,
    started,
  };
}

describe("mapping with bounded concurrency", () => {
  it("never runs more than the limit at once, starts in order, and keeps the order of results", async () => {
    const calls = tracker();
    const items = [5, 1, 4, 2, 3, 0, 6];
    expect(await mapBounded(items, 2, calls.run)).toEqual(items.map((item) => item * 10));
    expect(calls.max()).toBe(2);
    expect(calls.started).toEqual(items);
  });

  it("runs everything at once with a limit of 0 or more than the items", async () => {
    const all = tracker();
    await mapBounded([1, 2, 3], 0, all.run);
    expect(all.max()).toBe(3);
    const wide = tracker();
    await mapBounded([1, 2, 3], 10, wide.run);
    expect(wide.max()).toBe(3);
  });

  it("rejects when a call throws, starting nothing more, after the started calls settle", async () => {
    let finished = 0;
    const run = async (item: number): Promise<number> => {
      if (item === 2) throw new Error("boom");
      await sleep(5);
      finished += 1;
      return item;
    };
    await expect(mapBounded([1, 2, 3], 2, run)).rejects.toThrow("boom");
    expect(finished).toBe(1);
  });

  it("handles no items", async () => {
    expect(await mapBounded([], 3, async (item: number) => item)).toEqual([]);
  });
});

describe("running with bounded concurrency", () => {
  it("starts nothing more once a visit throws, and rejects after the running ones settle", async () => {
    const started: number[] = [];
    let settled = 0;
    const visit = async (index: number): Promise<void> => {
      started.push(index);
      await sleep(index === 0 ? 1 : 10);
      settled += 1;
      if (index === 0) throw new Error("first failed");
    };
    await expect(runBounded(6, 2, visit)).rejects.toThrow("first failed");
    expect(started).toEqual([0, 1]);
    expect(settled).toBe(2);
  });

  it("starts nothing once stopped", async () => {
    const started: number[] = [];
    let stop = false;
    await runBounded(
      5,
      1,
      async (index) => {
        started.push(index);
        if (index === 1) stop = true;
      },
      () => stop,
    );
    expect(started).toEqual([0, 1]);
  });
});
