import type { PolicyResult } from "../metrics/routing-table.js";

/**
 * The strong/weak pair of one file, as RouteLLM pairs GPT-4 with Mixtral: strong is the best
 * single model (ties: the dearer), weak the cheapest *competent* model, one whose mean quality is
 * at least the median model's, and which costs less than strong. Undefined when no model does.
 */
export function competentPair(singles: readonly PolicyResult[]): readonly [string, string] | undefined {
  if (singles.length < 2) return undefined;
  const strong = singles.reduce((a, b) => (b.quality > a.quality || (b.quality === a.quality && b.cost > a.cost) ? b : a));
  const qualities = singles.map((single) => single.quality).sort((a, b) => a - b);
  const median = qualities[Math.floor((qualities.length - 1) / 2)] ?? 0;
  const competent = singles.filter((single) => single.name !== strong.name && single.quality >= median && single.cost < strong.cost);
  if (competent.length === 0) return undefined;
  const weak = competent.reduce((a, b) => (b.cost < a.cost || (b.cost === a.cost && b.quality > a.quality) ? b : a));
  return [strong.name, weak.name];
}
