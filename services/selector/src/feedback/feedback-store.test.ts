import { mkdtempSync, writeFileSync } from "node:fs";
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

  it("restores a snapshot written by the earlier slope-and-offset learner as its offset", () => {
    const directory = freshDirectory();
    const old = { snapshot: { m: { slope: 1.4, offset: -1, observations: 40 } }, tenants: {}, keys: [] };
    writeFileSync(join(directory, "selector-feedback.jsonl"), `${JSON.stringify(old)}\n`);
    const store = new FeedbackStore(directory);
    expect(store.observations("m")).toBe(40);
    expect(store.adjust("m", 0.5)).toBeCloseTo(1 / (1 + Math.exp(1)), 10);
    // Forty outcomes of information stand behind it: one contrary outcome moves it a little, not by whole logits.
    store.record({ key: "", model: "m", base: 0.5, quality: 1, source: "critic" });
    expect(store.adjust("m", 0.5)).toBeLessThan(0.3);
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

  it("keeps one tenant's feedback out of every other tenant's routing; global only when asked", () => {
    const directory = freshDirectory();
    const store = new FeedbackStore(directory);
    for (let index = 0; index < 30; index += 1) store.record({ key: `a${index}`, model: "m", base: 0.7, quality: 0, source: "caller", tenant: "acme" });
    expect(store.forTenant("acme").adjust("m", 0.7)).toBeLessThan(0.3);
    expect(store.forTenant("globex").adjust("m", 0.7)).toBe(0.7);
    expect(store.forTenant(undefined).adjust("m", 0.7)).toBe(0.7);
    for (let index = 0; index < 30; index += 1)
      store.record({ key: `g${index}`, model: "m", base: 0.7, quality: 0, source: "caller", tenant: "initech", global: true });
    expect(store.forTenant("globex").adjust("m", 0.7)).toBeLessThan(0.3);
    const reopened = new FeedbackStore(directory);
    for (const tenant of ["acme", "globex", "initech", undefined])
      expect(reopened.forTenant(tenant).adjust("m", 0.7)).toBe(store.forTenant(tenant).adjust("m", 0.7));
    // The same request id from two tenants is two observations.
    expect(store.record({ key: "r1|m|caller", model: "m", base: 0.5, quality: 1, source: "caller", tenant: "acme" }).duplicate).toBe(false);
    expect(store.record({ key: "r1|m|caller", model: "m", base: 0.5, quality: 1, source: "caller", tenant: "globex" }).duplicate).toBe(false);
  });

  it("places a new model from at most 50 calibration outcomes, starting from its prior", () => {
    const store = new FeedbackStore(freshDirectory());
    // The prior says 0.3; the model is in fact right 90% of the time.
    for (let index = 0; index < 50; index += 1)
      store.record({ key: "", model: "new", base: 0.3, quality: index % 10 === 0 ? 0 : 1, source: "verification", tenant: "acme" });
    expect(store.forTenant("acme").adjust("new", 0.3)).toBeGreaterThan(0.8);
    expect(store.forTenant("acme").adjust("new", 0.3)).toBeLessThan(0.97);
  });
});
