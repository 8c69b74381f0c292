import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { syntheticRecords, writeSyntheticFile } from "../test-support/synthetic-data.js";

const run = promisify(execFile);
const root = join(import.meta.dirname, "../../../..");
const tsx = join(root, "node_modules/.bin/tsx");

async function evaluate(args: readonly string[]): Promise<{ lines: string[]; summary: Record<string, unknown> }> {
  const { stdout } = await run(tsx, [join(import.meta.dirname, "eval.ts"), ...args], { cwd: root, timeout: 120_000 });
  const lines = stdout.trimEnd().split("\n");
  return { lines, summary: JSON.parse(lines[lines.length - 1] ?? "{}") as Record<string, unknown> };
}

// The committed artifact scores a file whose models it has never seen: priors, never a crash.
describe("selector:eval", { timeout: 180_000 }, () => {
  it("prints the baselines and ends with one JSON object of the summary figures", async () => {
    const file = writeSyntheticFile();
    const { lines, summary } = await evaluate(["--data", file, "--strong", "huge-model-70b", "--weak", "tiny-model-7b"]);
    const text = lines.join("\n");
    for (const baseline of ["random", "always-cheapest (tiny-model-7b)", "always-best-single (huge-model-70b)", "oracle"]) expect(text).toContain(baseline);
    expect(text).toMatch(/huge-model-70b\s+prior/);
    expect(summary).toMatchObject({ n_prompts: 120, models: ["huge-model-70b", "tiny-model-7b"], strong: "huge-model-70b", weak: "tiny-model-7b" });
    for (const key of [
      "brier",
      "ece",
      "auroc",
      "apgr",
      "cpt50",
      "cpt80",
      "best_single_quality",
      "best_single_cost",
      "router_quality_at_best_single_cost",
      "oracle_quality",
      "aiq",
    ]) {
      expect(typeof summary[key]).toBe("number");
    }
    expect(summary["best_single_model"]).toBe("synthetic-exam:huge-model-70b,synthetic-judge:huge-model-70b");
    expect(summary["oracle_quality"] as number).toBeGreaterThanOrEqual(summary["best_single_quality"] as number);
  });

  it("accepts a quality kind it has never seen (scored as generic)", async () => {
    const records = syntheticRecords(40).map((record) => ({ ...record, quality_kind: "pairwise_elo" }));
    const { summary } = await evaluate(["--data", writeSyntheticFile(records)]);
    expect(summary["n_prompts"]).toBe(40);
    expect(typeof summary["brier"]).toBe("number");
  });

  it("scores conversation prompts and reports per source the 40% point, the pair and the online stream", async () => {
    const records = syntheticRecords(60).map((record, index) =>
      index % 2 === 0
        ? {
            ...record,
            prompt: [
              { role: "user", content: "Hello" },
              { role: "assistant", content: "Hi." },
              { role: "user", content: String(record["prompt"]) },
            ],
          }
        : record,
    );
    const { summary } = await evaluate(["--data", writeSyntheticFile(records)]);
    expect(summary["n_prompts"]).toBe(60);
    const perSource = summary["per_source"] as Array<Record<string, unknown>>;
    expect(perSource.map((source) => source["source"])).toEqual(["synthetic-exam", "synthetic-judge"]);
    for (const source of perSource)
      for (const key of ["ece", "router_quality_at_40pct_best_single_cost", "online_quality", "online_best_fixed_quality"])
        expect(typeof source[key]).toBe("number");
  });

  it("fails on a missing file with one line naming it", async () => {
    const failure = await run(tsx, [join(import.meta.dirname, "eval.ts"), "--data", "/nonexistent/routing.jsonl"], { cwd: root }).catch(
      (error: unknown) => error as { code: number; stderr: string },
    );
    expect(failure).toMatchObject({ code: 2, stderr: "/nonexistent/routing.jsonl: no such file or directory\n" });
  });

  it("scores an unseen model as a known one with --alias", async () => {
    const file = writeSyntheticFile();
    const { lines } = await evaluate(["--data", file, "--alias", "huge-model-70b=gpt-4-1106-preview"]);
    expect(lines.join("\n")).toMatch(/huge-model-70b\s+alias:gpt-4-1106-preview\s+10\/30 \(catalog\)/);
  });
});
