/**
 * Cost/quality frontiers as RouterBench (Hu et al., 2024) defines them: a router swept over its
 * willingness to pay gives (average cost, average quality) points; mixing two routers at random
 * reaches any point between them, and paying more is never forced, so what a router can do is
 * the non-decreasing upper convex hull of its points. AIQ is the area under that hull over the
 * cost range [c_min, c_max] (the cheapest and the dearest single model), divided by the range.
 */
export interface CostPoint {
  readonly cost: number;
  readonly quality: number;
}

/** The non-decreasing upper convex hull of the points, sorted by cost. */
export function nonDecreasingHull(points: readonly CostPoint[]): CostPoint[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.quality - a.quality);
  const hull: CostPoint[] = [];
  for (const point of sorted) {
    const last = hull[hull.length - 1];
    if (last && point.quality <= last.quality) continue;
    while (hull.length >= 2) {
      const a = hull[hull.length - 2] as CostPoint;
      const b = hull[hull.length - 1] as CostPoint;
      const cross = (b.cost - a.cost) * (point.quality - a.quality) - (b.quality - a.quality) * (point.cost - a.cost);
      if (cross >= 0) hull.pop();
      else break;
    }
    hull.push(point);
  }
  return hull;
}

/** Best quality reachable at cost `cost` (flat before the first and after the last hull point). */
export function hullQualityAt(hull: readonly CostPoint[], cost: number): number {
  const first = hull[0];
  if (!first) return Number.NaN;
  if (cost <= first.cost) return first.quality;
  for (let index = 1; index < hull.length; index += 1) {
    const previous = hull[index - 1] as CostPoint;
    const current = hull[index] as CostPoint;
    if (cost <= current.cost) return previous.quality + ((cost - previous.cost) / (current.cost - previous.cost)) * (current.quality - previous.quality);
  }
  return hull[hull.length - 1]?.quality ?? Number.NaN;
}

/** Least cost at which the hull reaches `quality`; undefined when it never does. */
export function hullCostFor(hull: readonly CostPoint[], quality: number): number | undefined {
  const first = hull[0];
  if (!first) return undefined;
  if (first.quality >= quality) return first.cost;
  for (let index = 1; index < hull.length; index += 1) {
    const previous = hull[index - 1] as CostPoint;
    const current = hull[index] as CostPoint;
    if (current.quality >= quality)
      return previous.cost + ((quality - previous.quality) / (current.quality - previous.quality)) * (current.cost - previous.cost);
  }
  return undefined;
}

/** AIQ: mean of the hull's quality over [minCost, maxCost] (exact for a piecewise-linear hull). */
export function aiq(hull: readonly CostPoint[], minCost: number, maxCost: number): number {
  if (!(maxCost > minCost)) return hullQualityAt(hull, minCost);
  const cuts = [minCost, ...hull.map((point) => point.cost).filter((cost) => cost > minCost && cost < maxCost), maxCost];
  let area = 0;
  for (let index = 1; index < cuts.length; index += 1) {
    const left = cuts[index - 1] as number;
    const right = cuts[index] as number;
    area += ((right - left) * (hullQualityAt(hull, left) + hullQualityAt(hull, right))) / 2;
  }
  return area / (maxCost - minCost);
}
