import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { syntheticRecords, writeSyntheticFile } from "../test-support/synthetic-data.js";
import { DataFileError } from "./data-file-error.js";
import { loadRecords, resolveDataFiles } from "./dataset.js";

describe("loadRecords", () => {
  it("reads a conversation prompt as its messages joined in order", () => {
    const record = {
      ...syntheticRecords(1)[0],
      prompt: [
        { role: "user", content: "Write a haiku." },
        { role: "assistant", content: "Leaves fall." },
        { role: "user", content: "Now a longer one." },
      ],
    };
    const [loaded] = loadRecords([writeSyntheticFile([record])]);
    expect(loaded?.prompt).toBe("Write a haiku.\n\nLeaves fall.\n\nNow a longer one.");
  });

  it("names the file, line and field of a bad record in one line", () => {
    const good = syntheticRecords(1)[0];
    const file = writeSyntheticFile([good!, { ...good, prompt: [{ role: "user" }] }]);
    expect(() => loadRecords([file])).toThrow(DataFileError);
    expect(() => loadRecords([file])).toThrow(new RegExp(`^${file}:2: prompt`));
  });

  it("names the line that is not JSON", () => {
    const file = writeSyntheticFile(syntheticRecords(1));
    writeFileSync(file, `${JSON.stringify(syntheticRecords(1)[0])}\n{"id": \n`);
    expect(() => loadRecords([file])).toThrow(new RegExp(`^${file}:2: not JSON`));
  });

  it("names a quality out of range by its outcome", () => {
    const good = syntheticRecords(1)[0]!;
    const file = writeSyntheticFile([{ ...good, outcomes: { m: { quality: 3 } } }]);
    expect(() => loadRecords([file])).toThrow(new RegExp(`^${file}:1: outcomes.m.quality`));
  });

  it("refuses a missing path with a DataFileError, not a stack of fs internals", () => {
    expect(() => resolveDataFiles(["/nonexistent/routing.jsonl"])).toThrow(new DataFileError("/nonexistent/routing.jsonl: no such file or directory"));
  });
});
