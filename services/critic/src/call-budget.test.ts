import { describe, expect, it } from "vitest";
import { startBudget } from "./call-budget.js";

const settings = { timeoutMs: 30_000, responseMarginMs: 250 };
const caller = (timeoutMs: number | undefined, signal = new AbortController().signal) => ({ signal, timeoutMs: () => timeoutMs });

describe("the shared deadline of a request", () => {
  it("uses the configured timeout when the caller sets no deadline", () => {
    const budget = startBudget(caller(undefined), settings);
    expect(budget.remainingMs()).toBeGreaterThan(29_000);
    expect(budget.remainingMs()).toBeLessThanOrEqual(30_000);
    budget.dispose();
  });

  it("keeps the margin back from the caller's deadline, at most a quarter of it", () => {
    const long = startBudget(caller(10_000), settings);
    expect(long.remainingMs()).toBeLessThanOrEqual(9_750);
    expect(long.remainingMs()).toBeGreaterThan(9_000);
    const short = startBudget(caller(800), settings);
    expect(short.remainingMs()).toBeLessThanOrEqual(600);
    expect(short.remainingMs()).toBeGreaterThan(400);
    const capped = startBudget(caller(60_000), settings);
    expect(capped.remainingMs()).toBeLessThanOrEqual(30_000);
    [long, short, capped].forEach((budget) => budget.dispose());
  });

  it("aborts its signal at the deadline and says it expired", async () => {
    const budget = startBudget(caller(30), settings);
    await new Promise((resolve) => budget.signal.addEventListener("abort", resolve));
    expect(budget.expired()).toBe(true);
    expect(budget.callerGone()).toBe(false);
    expect(budget.remainingMs()).toBe(0);
  });

  it("tells a caller that cancelled apart from the deadline", () => {
    const controller = new AbortController();
    const budget = startBudget(caller(10_000, controller.signal), settings);
    controller.abort();
    expect(budget.signal.aborted).toBe(true);
    expect(budget.callerGone()).toBe(true);
    expect(budget.expired()).toBe(false);
    budget.dispose();
  });
});
