import type { EvalSummary } from "./eval-summary.js";

/** Prints the human summary, then the one-line JSON object as the very last line. */
export function printSummary(summary: EvalSummary): void {
  const rows: [string, string][] = [
    ["prompts", String(summary.n_prompts)],
    ["strategy", summary.strategy],
    ["router quality", summary.quality.toFixed(4)],
    ["router cost (USD)", summary.cost_usd.toFixed(6)],
    [`best single (${summary.best_single_model}) quality`, summary.best_single_quality.toFixed(4)],
    ["best single cost (USD)", summary.best_single_cost_usd.toFixed(6)],
    ["cost vs best single", summary.best_single_cost_usd > 0 ? `${((summary.cost_usd / summary.best_single_cost_usd) * 100).toFixed(1)}%` : "n/a"],
    ["oracle quality", summary.oracle_quality.toFixed(4)],
    ["calls per prompt", summary.calls_per_prompt.toFixed(2)],
    ["p50 router overhead (ms)", summary.p50_overhead_ms.toFixed(2)],
    ["failed requests", String(summary.failed)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  console.log(JSON.stringify(summary));
}
