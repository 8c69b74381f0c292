// `npm run selector:eval -- --data <file.jsonl> [--strong S --weak W] [--alias A=B ...] [--artifact DIR]
//   [--online-cost-weight W] [--online-exploration E]`
// Scores a file in the shared schema with the committed artifact and prints tables, then, as
// its last line, one JSON object with the summary figures.
import { fileURLToPath } from "node:url";
import { OutcomeCosts } from "../evaluation/outcome-cost.js";
import { modelSources, scoreRecords } from "../evaluation/artifact-scoring.js";
import { buildEvalReport, evalSummaryJson } from "../evaluation/eval-report.js";
import { printEvalTables } from "../evaluation/eval-tables-print.js";
import { defaultOnlinePolicy } from "../evaluation/online-replay.js";
import { loadArtifact } from "../model/artifact-store.js";
import { canonicalModelId } from "../model/model-catalog.js";
import type { CandidateProfile } from "../model/resolved-model.js";
import { loadRecords, resolveDataFiles } from "../training/dataset.js";
import { exitOnDataError } from "./cli-failure.js";
import { flag, flagList, parseCliArgs } from "./cli-args.js";

const args = parseCliArgs(process.argv.slice(2));
const data = flagList(args, "data");
if (data.length === 0) {
  console.error("usage: npm run selector:eval -- --data <file.jsonl> [--strong S --weak W] [--alias A=B ...] [--artifact DIR]");
  process.exit(2);
}
const profiles = new Map<string, CandidateProfile>();
for (const alias of flagList(args, "alias")) {
  const [from, to] = alias.split("=", 2);
  if (!from || !to) {
    console.error(`--alias ${alias}: expected NAME=KNOWN_MODEL`);
    process.exit(2);
  }
  profiles.set(canonicalModelId(from), { aliasOf: to });
}
const artifact = loadArtifact(flag(args, "artifact", fileURLToPath(new URL("../../artifact", import.meta.url))));
const records = exitOnDataError(() => loadRecords(resolveDataFiles(data)));
const scored = scoreRecords(artifact, records, profiles);
const costs = new OutcomeCosts(profiles);
const strong = flag(args, "strong");
const weak = flag(args, "weak");
const online = {
  costWeight: Number(flag(args, "online-cost-weight", String(defaultOnlinePolicy.costWeight))),
  exploration: Number(flag(args, "online-exploration", String(defaultOnlinePolicy.exploration))),
};
const report = buildEvalReport(
  scored,
  costs,
  strong === undefined ? undefined : canonicalModelId(strong),
  weak === undefined ? undefined : canonicalModelId(weak),
  online,
);
const sources = modelSources(artifact, records, profiles);
printEvalTables(report, sources, artifact.meta.version, records.length, costs);
console.log(JSON.stringify(evalSummaryJson(report, records.length, [...sources.keys()].sort(), artifact.meta.version)));
