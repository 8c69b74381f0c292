import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FeedbackStore } from "./feedback-store.js";

const freshDirectory = (): string => mkdtempSync(join(tmpdir(), "selector-feedback-"));

describe("FeedbackStore", () => {
  it("moves a model's calibration towards what feedback observed", () => {
    const store = new FeedbackStore(freshDirectory());
    expect(store.adjust("m", 0.7)).toBeCloseTo(0.7, 10);
    for (let index = 0; index < 40; index += 1) store.record({ key: "", model: "m", base: 0.7, quality: 0.1, source: "critic" });
    expect(store.adjust("m", 0.7)).toBeLessThan(0.3);
    expect(store.adjust("other", 0.7)).toBeCloseTo(0.7, 10);
    expect(store.observations("m")).toBe(40);
    // The ranking between prompts is kept: a higher base stays higher.
    expect(store.adjust("m", 0.9)).toBeGreaterThan(store.adjust("m", 0.5));
  });

  it("survives a restart with exactly the same state", () => {
    const directory = freshDirectory();
    const store = new FeedbackStore(directory);
    for (let index = 0; index < 15; index += 1) store.record({ key: `r${index}`, model: "m", base: 0.4, quality: 1, source: "caller" });
    const before = store.adjust("m", 0.4);
    const reopened = new FeedbackStore(directory);
    expect(reopened.observations("m")).toBe(15);
    expect(reopened.adjust("m", 0.4)).toBe(before);
    expect(before).toBeGreaterThan(0.6);
  });

  it("does not count a request id twice for the same model and source, even after a restart", () => {
    const directory = freshDirectory();
    const store = new FeedbackStore(directory);
    expect(store.record({ key: "req-1|m|critic", model: "m", base: 0.5, quality: 0, source: "critic" })).toEqual({ observations: 1, duplicate: false });
    expect(store.record({ key: "req-1|m|critic", model: "m", base: 0.5, quality: 0, source: "critic" })).toEqual({ observations: 1, duplicate: true });
    const reopened = new FeedbackStore(directory);
    expect(reopened.record({ key: "req-1|m|critic", model: "m", base: 0.5, quality: 0, source: "critic" }).duplicate).toBe(true);
    expect(reopened.record({ key: "req-1|m|caller", model: "m", base: 0.5, quality: 0, source: "caller" }).duplicate).toBe(false);
  });

  it("inverts its adjustment to find the base probability the router acted on", () => {
    const store = new FeedbackStore(freshDirectory());
    for (let index = 0; index < 10; index += 1) store.record({ key: "", model: "m", base: 0.6, quality: 0, source: "critic" });
    expect(store.baseOf("m", store.adjust("m", 0.6))).toBeCloseTo(0.6, 6);
  });
});
