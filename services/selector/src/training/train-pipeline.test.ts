import { describe, expect, it } from "vitest";
import { encodeRows } from "../model/artifact-store.js";
import { writeSyntheticFile } from "../test-support/synthetic-data.js";
import { defaultFactorOptions } from "./factor-trainer.js";
import { trainSelector } from "./train-pipeline.js";

const options = { ...defaultFactorOptions, epochs: 2 };

// Each run trains folds + 1 models over the full hashed feature space: seconds on a loaded machine.
describe("trainSelector", { timeout: 120_000 }, () => {
  it("is deterministic for a fixed seed: same data, same options, identical artifact", () => {
    const file = writeSyntheticFile();
    const first = trainSelector([file], options, 2);
    const second = trainSelector([file], options, 2);
    expect(Buffer.from(encodeRows(second.params).bytes).equals(Buffer.from(encodeRows(first.params).bytes))).toBe(true);
    expect(JSON.stringify(second.meta)).toBe(JSON.stringify(first.meta));
    expect(Buffer.from(second.filter.bits).equals(Buffer.from(first.filter.bits))).toBe(true);
  });

  it("changes with the seed, and versions the artifact by feature version and data hash", () => {
    const file = writeSyntheticFile();
    const first = trainSelector([file], options, 2);
    const reseeded = trainSelector([file], { ...options, seed: 8 }, 2);
    expect(Buffer.from(encodeRows(reseeded.params).bytes).equals(Buffer.from(encodeRows(first.params).bytes))).toBe(false);
    expect(first.meta.version).toMatch(/^f\d+-[0-9a-f]{12}$/);
    expect(first.meta.version).toBe(reseeded.meta.version);
    expect(first.meta.trainedOn.map(({ file, records }) => ({ file, records }))).toEqual([{ file: "synthetic.jsonl", records: 120 }]);
    expect(first.meta.trainedOn[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.meta.dataHash).toMatch(new RegExp(`^${first.meta.version.split("-")[1] ?? "none"}`));
  });

  it("learns the pattern in the data: the large model is predicted better on arithmetic", () => {
    const trained = trainSelector([writeSyntheticFile()], { ...options, epochs: 4 }, 2);
    expect(Object.keys(trained.meta.models).sort()).toEqual(["huge-model-70b", "tiny-model-7b"]);
    expect(trained.meta.outOfFold.auroc).toBeGreaterThan(0.75);
  });
});
