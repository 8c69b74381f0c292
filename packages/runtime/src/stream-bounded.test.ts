import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { streamBounded } from "./stream-bounded.js";

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const seen: T[] = [];
  for await (const item of stream) seen.push(item);
  return seen;
}

describe("streaming with bounded concurrency", () => {
  it("yields results as they finish, never more than the limit in flight", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const run = async (delayMs: number): Promise<number> => {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(delayMs);
      inFlight -= 1;
      return delayMs;
    };
    expect(await collect(streamBounded([30, 5, 10], 2, run))).toEqual([5, 10, 30]);
    expect(maxInFlight).toBe(2);
  });

  it("starts no item after the signal aborts but yields those already running", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const run = async (item: number): Promise<number> => {
      started.push(item);
      if (item === 1) controller.abort();
      await sleep(2);
      return item;
    };
    expect(await collect(streamBounded([0, 1, 2, 3], 2, run, controller.signal))).toEqual([0, 1]);
    expect(started).toEqual([0, 1]);
  });

  it("ends with the error of a run that throws, after the results before it", async () => {
    const run = async (item: number): Promise<number> => {
      await sleep(item);
      if (item === 20) throw new Error("item 20 failed");
      return item;
    };
    const seen: number[] = [];
    await expect(async () => {
      for await (const item of streamBounded([1, 20], 2, run)) seen.push(item);
    }).rejects.toThrow("item 20 failed");
    expect(seen).toEqual([1]);
  });

  it("ends at once with no items", async () => {
    expect(await collect(streamBounded([], 3, async (item: number) => item))).toEqual([]);
  });
});
