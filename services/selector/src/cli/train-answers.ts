// `npm run selector:train-answers -- --data <dir or file...> [--out DIR] [--validate]`
// Trains the answer scorer on every recorded answer in the data (deterministic), writes it
// beside the selector's artifact, and with --validate first prints held-out figures: 80/20 by
// prompt, and per model, trained without that model's answers (the unseen-model case).
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeAnswerArtifact } from "../answer/answer-artifact.js";
import { answerExamples } from "../answer/answer-examples.js";
import { defaultAnswerTrainOptions, trainAnswerScorer } from "../answer/answer-trainer.js";
import type { HeldOutFigures } from "../answer/answer-validation.js";
import { heldOut, promptSplit } from "../answer/answer-validation.js";
import { loadRecords, resolveDataFiles } from "../training/dataset.js";
import { exitOnDataError } from "./cli-failure.js";
import { flag, flagList, parseCliArgs } from "./cli-args.js";

const args = parseCliArgs(process.argv.slice(2));
const data = flagList(args, "data");
if (data.length === 0) {
  console.error("usage: npm run selector:train-answers -- --data <dir or file.jsonl ...> [--out DIR] [--validate]");
  process.exit(2);
}
const started = Date.now();
const examples = answerExamples(exitOnDataError(() => loadRecords(resolveDataFiles(data))));
console.log(`${examples.length} recorded answers from ${new Set(examples.map((example) => example.model)).size} models`);
const print = (row: HeldOutFigures): void =>
  console.log(
    `  ${row.split.padEnd(40)} ${row.kind.padEnd(11)} n=${String(row.outcomes).padEnd(6)} brier ${row.brier.toFixed(4)}  ece ${row.ece.toFixed(4)}  auroc ${row.auroc.toFixed(4)}`,
  );
if (args.values.has("validate")) {
  const { train, test } = promptSplit(examples);
  heldOut("by prompt (80/20)", train, test).forEach(print);
  for (const model of [...new Set(examples.map((example) => example.model))].sort()) {
    heldOut(
      `without ${model}`,
      examples.filter((example) => example.model !== model),
      examples.filter((example) => example.model === model),
    ).forEach(print);
  }
}
const { meta, packed } = trainAnswerScorer(examples, defaultAnswerTrainOptions);
const out = flag(args, "out", fileURLToPath(new URL("../../artifact", import.meta.url)));
mkdirSync(out, { recursive: true });
writeAnswerArtifact(out, { ...meta, trainedOn: examples.length }, packed);
console.log(`wrote ${out}: answer scorer ${meta.version}, ${packed.ids.length} weights, ${((Date.now() - started) / 1000).toFixed(0)}s`);
