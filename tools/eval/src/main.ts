#!/usr/bin/env node
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startLocalStack } from "@switchyard/stack";
import { parseEvalArgs } from "./eval-args.js";
import { runPrompts } from "./eval-run.js";
import { summarise } from "./eval-summary.js";
import { printSummary } from "./eval-report.js";
import { priceOf } from "./recorded-cost.js";
import { replayConfigYaml } from "./replay-config.js";
import { modelsIn, readRoutingFile } from "./routing-data.js";

const args = parseEvalArgs(process.argv.slice(2));
const records = (
  await readRoutingFile(args.data).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  })
).slice(0, args.limit);
const models = modelsIn(records);
const prices = new Map(models.map((model) => [model, priceOf(model, records)]));
const ranked = [...models].sort((left, right) => meanQuality(right) - meanQuality(left));
const workDir = mkdtempSync(join(tmpdir(), "switchyard-eval-"));
const configPath = join(workDir, "switchyard.yaml");
writeFileSync(
  configPath,
  replayConfigYaml(
    models.map((name) => ({ name, pricePerMillionNanoUsd: prices.get(name)!, ...(args.aliases.has(name) ? { aliasOf: args.aliases.get(name)! } : {}) })),
    args.minQuality,
  ),
);

process.stderr.write(`eval: ${records.length} prompts, ${models.length} models, strategy ${args.strategy}; starting the stack (simulator in replay mode)...\n`);
const stack = await startLocalStack({
  rootDir: resolve(import.meta.dirname, "../../.."),
  workDir,
  ports: "free",
  configPath,
  simLatencyScale: 0,
  simEnv: { SIM_REPLAY: resolve(args.data) },
  env: { LOG_LEVEL: "warn", SHUTDOWN_GRACE_MS: "2000", ...(args.artifact ? { SELECTOR_ARTIFACT_DIR: resolve(args.artifact) } : {}) },
});
const stopOnSignal = (): void => {
  void stack.stop().finally(() => process.exit(130));
};
process.once("SIGINT", stopOnSignal);
process.once("SIGTERM", stopOnSignal);
try {
  const results = await runPrompts(
    stack.urls.router,
    records,
    { strategy: args.strategy, minQuality: args.minQuality, model: args.model ?? ranked[0]!, ranked },
    args.concurrency,
  );
  printSummary(summarise(args.strategy, results, prices));
} finally {
  await stack.stop();
}

function meanQuality(model: string): number {
  return records.reduce((sum, record) => sum + (record.outcomes[model]?.quality ?? 0), 0) / Math.max(1, records.length);
}
