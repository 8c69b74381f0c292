import { describeModel } from "../model/model-descriptor.js";
import { taskTypes } from "../model/quality-model.js";
import { summariseRouting } from "../metrics/routing-table.js";
import { buildRoutingTable, pairReport, probabilityReport } from "../evaluation/evaluation-tables.js";
import type { ScoredRecord } from "../evaluation/evaluation-tables.js";
import { OutcomeCosts } from "../evaluation/outcome-cost.js";
import { fitModelMeans, fitNearestNeighbours, fitPerModelLogistic } from "../training/baseline-models.js";
import { loadRecords, resolveDataFiles } from "../training/dataset.js";
import { exitOnDataError } from "./cli-failure.js";
import { fitDescriptorPrior } from "../training/descriptor-prior.js";
import type { EncodedRecord } from "../training/encoded-dataset.js";
import { encodeRecords } from "../training/encoded-dataset.js";
import { factorPredictor } from "../training/factor-predictor.js";
import { defaultFactorOptions, trainFactorModel } from "../training/factor-trainer.js";
import { stableUnit } from "../training/seeded-random.js";
import type { Method } from "../training/validation-run.js";
import { runMethod } from "../training/validation-run.js";
import { flag, flagList, parseCliArgs } from "./cli-args.js";

const args = parseCliArgs(process.argv.slice(2));
const dataPaths = flagList(args, "data");
const records = exitOnDataError(() => loadRecords(resolveDataFiles(dataPaths.length > 0 ? dataPaths : ["/work/shared/data/routing/train"])));
const encoded = encodeRecords(records);
const descriptors = new Map<string, Float32Array>();
const describe = (model: string): Float32Array => {
  let descriptor = descriptors.get(model);
  if (!descriptor) descriptors.set(model, (descriptor = describeModel(model)));
  return descriptor;
};
const options = {
  ...defaultFactorOptions,
  ...Object.fromEntries(
    [
      "dim",
      "epochs",
      "learningRate",
      "l2Rows",
      "l2Residual",
      "residualDropout",
      "taskWeight",
      "sourceBalance",
      "headBits",
      "l2Head",
      "seed",
      "promptShare",
      "descriptorRidge",
      "unseenKindPromptScale",
    ].flatMap((key) => {
      const value = flag(args, key);
      return value === undefined ? [] : [[key, Number(value)]];
    }),
  ),
};
const methods: Record<string, Method> = {
  factor: { name: "factor", fit: (train) => factorPredictor(trainFactorModel(train, describe, options), describe) },
  lr: { name: "per-model-lr", fit: (train) => fitPerModelLogistic(train, fitDescriptorPrior(train, describe)) },
  knn: { name: "knn", fit: (train) => fitNearestNeighbours(train, fitDescriptorPrior(train, describe)) },
  mean: { name: "model-mean", fit: (train) => fitModelMeans(train, fitDescriptorPrior(train, describe)) },
};
const chosen = flag(args, "methods", "factor,lr,knn,mean")
  .split(",")
  .map((name) => methods[name])
  .filter((method): method is Method => method !== undefined);
const costs = new OutcomeCosts();
const taskTypeOf = (record: EncodedRecord): (typeof taskTypes)[number] => taskTypes[record.taskLabel] ?? "chat";

function report(label: string, method: Method, train: EncodedRecord[], test: EncodedRecord[]): void {
  const started = Date.now();
  const predictions = runMethod(method, train, test);
  const scored: ScoredRecord[] = test.map((record) => ({
    record: record.record,
    predicted: predictions.get(record) ?? new Float64Array(),
    taskType: taskTypeOf(record),
  }));
  const overall = probabilityReport(scored);
  const parts = [
    `${label.padEnd(26)} ${method.name.padEnd(13)} brier=${overall.brier.toFixed(4)} ece=${overall.ece.toFixed(4)} auroc=${overall.auroc.toFixed(4)} (${((Date.now() - started) / 1000).toFixed(0)}s)`,
  ];
  const sources = [...new Set(test.map((record) => record.record.source))].sort();
  for (const source of sources) {
    const group = scored.filter((item) => item.record.source === source);
    const probability = probabilityReport(group);
    const table = buildRoutingTable(group, costs);
    if (!table) continue;
    const summary = summariseRouting(table);
    const cheapest = summary.baselines[1]?.name.replace(/^always-cheapest \((.*)\)$/, "$1") ?? "";
    const pair = pairReport(table, summary.best_single_model, cheapest);
    parts.push(
      `   ${source.padEnd(20)} brier=${probability.brier.toFixed(4)} ece=${probability.ece.toFixed(4)} auroc=${probability.auroc.toFixed(4)} ` +
        `best=${summary.best_single_model}:${summary.best_single_quality.toFixed(3)} router@cost=${summary.router_quality_at_best_single_cost.toFixed(3)} ` +
        `costfrac=${summary.router_cost_fraction_at_best_single_quality?.toFixed(3) ?? "never"} oracle=${summary.oracle_quality.toFixed(3)} aiq=${summary.aiq.toFixed(3)} ` +
        `apgr(${summary.best_single_model}/${cheapest})=${pair?.apgr.toFixed(3) ?? "-"} cpt50=${pair?.cpt50.toFixed(1) ?? "-"} cpt80=${pair?.cpt80.toFixed(1) ?? "-"}`,
    );
  }
  console.log(parts.join("\n"));
}

const split = flag(args, "split", "both");
if (split === "prompt" || split === "both") {
  const train = encoded.filter((record) => stableUnit(record.record.id, 5) >= 0.2);
  const test = encoded.filter((record) => stableUnit(record.record.id, 5) < 0.2);
  for (const method of chosen) report("by-prompt 80/20", method, train, test);
}
if (split === "loso" || split === "both") {
  const sources = [...new Set(encoded.map((record) => record.record.source))].sort();
  for (const source of sources.filter((name) => flagList(args, "only").length === 0 || flagList(args, "only").includes(name))) {
    const train = encoded.filter((record) => record.record.source !== source);
    const test = encoded.filter((record) => record.record.source === source);
    for (const method of chosen) report(`loso ${source}`, method, train, test);
  }
}
