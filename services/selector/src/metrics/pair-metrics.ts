/**
 * Strong/weak routing metrics with RouteLLM's procedure (Ong et al., 2024, and its
 * evaluate.py): the router's per-prompt score says how much the strong model is needed; the
 * thresholds are the edges of 10 equal-count bins of those scores (pandas `qcut`), a prompt goes
 * to the strong model when its score is >= the threshold (> for the last edge, so one point has
 * no strong calls); each threshold gives (strong-call percentage, mean quality).
 * PGR = (q - q_weak) / (q_strong - q_weak); APGR is the trapezoid area under the quality curve
 * over strong-call share minus the weak model's area, over the strong minus weak area; CPT(x%)
 * is the strong-call percentage at which the curve first reaches PGR x (linear interpolation).
 */
export interface CurvePoint {
  /** Percentage of prompts sent to the strong model (0..100). */
  readonly strongPercent: number;
  readonly quality: number;
}

export interface PairResult {
  readonly strongQuality: number;
  readonly weakQuality: number;
  readonly apgr: number;
  /** Percentage of strong calls needed for PGR 50% and 80% (0..100, RouteLLM's unit). */
  readonly cpt50: number;
  readonly cpt80: number;
  readonly curve: readonly CurvePoint[];
}

/** Linear-interpolation quantile of sorted values (numpy's default). */
export function quantileSorted(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(sorted.length - 1, low + 1);
  return (sorted[low] ?? 0) + (position - low) * ((sorted[high] ?? 0) - (sorted[low] ?? 0));
}

/** The threshold sweep: one curve point per bin edge, sorted by strong-call share. */
export function pairCurve(scores: readonly number[], strong: readonly number[], weak: readonly number[], bins = 10): CurvePoint[] {
  const sorted = [...scores].sort((a, b) => a - b);
  const points: CurvePoint[] = [];
  for (let edge = 0; edge <= bins; edge += 1) {
    const threshold = quantileSorted(sorted, edge / bins);
    let strongCalls = 0;
    let quality = 0;
    scores.forEach((score, index) => {
      const toStrong = edge === bins ? score > threshold : score >= threshold;
      if (toStrong) strongCalls += 1;
      quality += toStrong ? (strong[index] ?? 0) : (weak[index] ?? 0);
    });
    points.push({ strongPercent: (strongCalls / scores.length) * 100, quality: quality / scores.length });
  }
  return points.sort((a, b) => a.strongPercent - b.strongPercent);
}

/** Trapezoid area of quality over strong-call share (as a fraction). */
function trapezoid(points: readonly CurvePoint[], value: (point: CurvePoint) => number): number {
  let area = 0;
  for (let index = 1; index < points.length; index += 1) {
    const previous = points[index - 1] as CurvePoint;
    const current = points[index] as CurvePoint;
    area += ((current.strongPercent - previous.strongPercent) / 100) * ((value(previous) + value(current)) / 2);
  }
  return area;
}

/** Strong-call percentage at which the curve first reaches `target` quality. */
export function callsForQuality(points: readonly CurvePoint[], target: number): number {
  const first = points[0];
  if (!first) return Number.NaN;
  if (first.quality >= target) return first.strongPercent;
  for (let index = 1; index < points.length; index += 1) {
    const previous = points[index - 1] as CurvePoint;
    const current = points[index] as CurvePoint;
    if (current.quality >= target) {
      const span = current.quality - previous.quality;
      const share = span > 0 ? (target - previous.quality) / span : 1;
      return previous.strongPercent + share * (current.strongPercent - previous.strongPercent);
    }
  }
  return points[points.length - 1]?.strongPercent ?? Number.NaN;
}

/** APGR, CPT(50%) and CPT(80%) of a router's scores on a strong/weak pair. */
export function pairMetrics(scores: readonly number[], strong: readonly number[], weak: readonly number[], bins = 10): PairResult {
  const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const strongQuality = mean(strong);
  const weakQuality = mean(weak);
  const curve = pairCurve(scores, strong, weak, bins);
  const area = trapezoid(curve, (point) => point.quality);
  const weakArea = trapezoid(curve, () => weakQuality);
  const strongArea = trapezoid(curve, () => strongQuality);
  const gap = strongQuality - weakQuality;
  return {
    strongQuality,
    weakQuality,
    apgr: strongArea !== weakArea ? (area - weakArea) / (strongArea - weakArea) : Number.NaN,
    cpt50: callsForQuality(curve, weakQuality + 0.5 * gap),
    cpt80: callsForQuality(curve, weakQuality + 0.8 * gap),
    curve,
  };
}
