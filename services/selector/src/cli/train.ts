// `npm run selector:train -- --data <dir or file...> [--out DIR] [--seed N] [--folds K]`
// Trains the selector deterministically (fixed seed) and writes the artifact (default: the
// package's artifact/ directory, which is committed).
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { writeArtifact } from "../model/artifact-store.js";
import { resolveDataFiles } from "../training/dataset.js";
import { defaultFactorOptions } from "../training/factor-trainer.js";
import { trainSelector } from "../training/train-pipeline.js";
import { flag, flagList, parseCliArgs } from "./cli-args.js";

const args = parseCliArgs(process.argv.slice(2));
const data = flagList(args, "data");
if (data.length === 0) {
  console.error("usage: npm run selector:train -- --data <dir or file.jsonl ...> [--out DIR] [--seed N] [--folds K]");
  process.exit(2);
}
const out = flag(args, "out", fileURLToPath(new URL("../../artifact", import.meta.url)));
const options = { ...defaultFactorOptions, seed: Number(flag(args, "seed", String(defaultFactorOptions.seed))) };
const started = Date.now();
const files = resolveDataFiles(data);
console.log(`training on ${files.length} file(s): ${files.join(", ")}`);
const trained = trainSelector(files, options, Number(flag(args, "folds", "5")), (line) =>
  console.log(`  ${line} (${((Date.now() - started) / 1000).toFixed(0)}s)`),
);
mkdirSync(out, { recursive: true });
const meta = writeArtifact(out, trained.meta, trained.params, trained.filter);
console.log(`out-of-fold: ${JSON.stringify(meta.outOfFold)}`);
console.log(
  `wrote ${out}: version ${meta.version}, ${meta.weights.rows} weight rows, ${Object.keys(meta.models).length} models, ${((Date.now() - started) / 1000).toFixed(0)}s`,
);
