import type { EvalReport } from "./eval-report.js";
import type { OnlineReport } from "./online-replay.js";
import type { PlacementReport } from "./placement-report.js";
import type { OutcomeCosts } from "./outcome-cost.js";

const pad = (text: string, width: number): string => (text.length >= width ? text : text + " ".repeat(width - text.length));
const fixed = (value: number | null | undefined, digits = 4): string =>
  value === null || value === undefined || !Number.isFinite(value) ? "-" : value.toFixed(digits);
const usd = (value: number): string => (value >= 0.01 ? value.toFixed(4) : value.toExponential(3));

/** Prints the human part of `selector:eval`: models, calibration, routing and baselines. */
export function printEvalTables(report: EvalReport, sources: ReadonlyMap<string, string>, version: string, prompts: number, costs: OutcomeCosts): void {
  console.log(`selector ${version}: ${prompts} prompts, ${sources.size} models`);
  console.log("\nmodels (how each is scored; price USD per million tokens in/out and where it comes from)");
  for (const [model, source] of [...sources].sort()) {
    const price = costs.price(model);
    console.log(`  ${pad(model, 44)} ${pad(source, 34)} ${price.inputPerMillion}/${price.outputPerMillion} (${price.origin})`);
  }
  console.log("\ncalibration (quality >= 0.5 counts as good for AUROC)");
  console.log(`  ${pad("kind", 14)} ${pad("outcomes", 9)} ${pad("brier", 8)} ${pad("ece", 8)} auroc`);
  for (const [kind, item] of [["all", report.overall] as const, ...report.byKind]) {
    console.log(`  ${pad(kind, 14)} ${pad(String(item.outcomes), 9)} ${pad(fixed(item.brier), 8)} ${pad(fixed(item.ece), 8)} ${fixed(item.auroc)}`);
  }
  for (const [source, { prompts: rows, routing, probability, pair, online, placed }] of report.bySource) {
    console.log(`\nrouting on ${source} (${rows} prompts with every model; mean quality, mean cost USD per prompt)`);
    console.log(`  ${pad("calibration", 58)} brier ${fixed(probability.brier)}  ece ${fixed(probability.ece)}  auroc ${fixed(probability.auroc)}`);
    for (const baseline of routing.baselines) console.log(`  ${pad(baseline.name, 58)} quality ${fixed(baseline.quality)}  cost ${usd(baseline.cost)}`);
    console.log(`  ${pad("router at the best single model's cost", 58)} quality ${fixed(routing.router_quality_at_best_single_cost)}`);
    const fraction = routing.router_cost_fraction_at_best_single_quality;
    console.log(
      `  ${pad("router cost to match the best single model", 58)} ${fraction === null ? "never reached" : `${(fraction * 100).toFixed(1)}% of its cost`}`,
    );
    console.log(`  ${pad("router at 40% of the best single model's cost", 58)} quality ${fixed(routing.router_quality_at_40pct_best_single_cost)}`);
    console.log(`  ${pad("AIQ (RouterBench)", 58)} ${fixed(routing.aiq)}`);
    if (pair)
      console.log(
        `  ${pad(`pair ${pair.strong} / ${pair.weak}`, 58)} APGR ${fixed(pair.result.apgr)}  CPT(50%) ${fixed(pair.result.cpt50, 1)}%  CPT(80%) ${fixed(pair.result.cpt80, 1)}%`,
      );
    printOnline(online);
    if (placed) printPlaced(placed);
  }
  if (report.pair) {
    const { strong, weak, result } = report.pair;
    console.log(`\nstrong/weak pair ${strong} / ${weak} (RouteLLM procedure, 10 threshold bins)`);
    console.log(
      `  quality strong ${fixed(result.strongQuality)}  weak ${fixed(result.weakQuality)}  APGR ${fixed(result.apgr)}  CPT(50%) ${fixed(result.cpt50, 1)}%  CPT(80%) ${fixed(result.cpt80, 1)}%`,
    );
    console.log(`  curve: ${result.curve.map((point) => `${point.strongPercent.toFixed(0)}%:${point.quality.toFixed(3)}`).join(" ")}`);
  }
  console.log("");
}

/** The file after placing its models from a calibration sample, on the other prompts. */
function printPlaced(placed: PlacementReport): void {
  const { routing, probability, pair } = placed;
  const fraction = routing.router_cost_fraction_at_best_single_quality;
  console.log(`  placed from ${placed.calibrationPrompts} calibration prompts (every model's outcome on them; figures on the other prompts):`);
  console.log(
    `    brier ${fixed(probability.brier)}  ece ${fixed(probability.ece)}  auroc ${fixed(probability.auroc)}  slope ${fixed(placed.placement.slope, 2)}`,
  );
  console.log(
    `    best single ${routing.best_single_model} ${fixed(routing.best_single_quality)}; router at its cost ${fixed(routing.router_quality_at_best_single_cost)}, at 40% ${fixed(routing.router_quality_at_40pct_best_single_cost)}, cost to match ${fraction === null ? "never" : `${(fraction * 100).toFixed(1)}%`}`,
  );
  if (pair) console.log(`    pair ${pair.strong} / ${pair.weak} APGR ${fixed(pair.result.apgr)}`);
}

/** The online stream: cumulative quality and cost against the best fixed model at checkpoints. */
function printOnline(online: OnlineReport): void {
  console.log("  online, file order, feedback after each prompt (cumulative; best fixed model over the same prompts):");
  for (const point of online.checkpoints) {
    console.log(
      `    after ${pad(String(point.outcomes), 6)} quality ${fixed(point.quality)} cost ${usd(point.cost)}   best fixed ${point.bestFixedModel} ${fixed(point.bestFixedQuality)} cost ${usd(point.bestFixedCost)}`,
    );
  }
  const after = online.afterWarmup;
  if (after)
    console.log(
      `    prompts after the first ${after.warmup}: quality ${fixed(after.quality)} vs best fixed ${fixed(after.bestFixedQuality)}, cost ${after.bestFixedCost > 0 ? ((after.cost / after.bestFixedCost) * 100).toFixed(1) : "-"}% of its cost${online.eceAfterWarmup === undefined ? "" : `; ECE of every candidate's estimate there ${fixed(online.eceAfterWarmup)}`}`,
    );
  console.log(
    `    shares: ${[...online.shares]
      .sort(([, a], [, b]) => b - a)
      .slice(0, 5)
      .map(([model, share]) => `${model} ${(share * 100).toFixed(0)}%`)
      .join(", ")}`,
  );
}
