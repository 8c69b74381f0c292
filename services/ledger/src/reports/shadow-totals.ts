import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";

/** Tag the router puts on a shadow call's attempts and observation (value "shadow"). */
const roleTag = "switchyard_role";
/** Tag naming the request a shadow measured (the shadow's own request id is `<id>/shadow`). */
const shadowOfTag = "switchyard_shadow_of";

/** What one report row gathers about shadow calls (CompleteRequest.shadow_rate). */
export interface ShadowTotals {
  /** Billed cost of the shadow attempts, per shadowed request. */
  readonly costByRequest: Map<string, bigint>;
  qualitySum: number;
  qualityCount: number;
}

export function emptyShadowTotals(): ShadowTotals {
  return { costByRequest: new Map(), qualitySum: 0, qualityCount: 0 };
}

/** The request a shadow event measured, or undefined for any other event. */
export function shadowOf(event: CostEvent): string | undefined {
  return event.tags[roleTag] === "shadow" ? event.tags[shadowOfTag] || undefined : undefined;
}

/** Billed cost of every request's own attempts (shadows, observations and records excluded). */
export function servedCosts(events: readonly { readonly event: CostEvent }[]): Map<string, bigint> {
  const served = new Map<string, bigint>();
  for (const { event } of events) {
    if (shadowOf(event) !== undefined || event.quality !== undefined || event.routingDecision || !event.billed) continue;
    served.set(event.requestId, (served.get(event.requestId) ?? 0n) + event.costNanoUsd);
  }
  return served;
}

/** Adds a shadow attempt's cost or a shadow observation's quality; other events add nothing. */
export function addShadow(totals: ShadowTotals, event: CostEvent): void {
  const measured = shadowOf(event);
  if (measured === undefined) return;
  if (event.quality !== undefined) {
    totals.qualitySum += event.quality;
    totals.qualityCount += 1;
    return;
  }
  const cost = event.billed ? event.costNanoUsd : 0n;
  totals.costByRequest.set(measured, (totals.costByRequest.get(measured) ?? 0n) + cost);
}

/**
 * The row's shadow columns: shadowed requests, what their shadows cost, the served answers'
 * mean realised quality against them, and what serving the cheaper answer saved on those
 * requests (the shadows' cost, the best model's price for the same request, less what the
 * served attempts cost).
 */
export function shadowColumns(totals: ShadowTotals, served: ReadonlyMap<string, bigint>) {
  let cost = 0n;
  let savings = 0n;
  for (const [requestId, shadowCost] of totals.costByRequest) {
    cost += shadowCost;
    savings += shadowCost - (served.get(requestId) ?? 0n);
  }
  return {
    shadowRequests: BigInt(totals.costByRequest.size),
    shadowCostNanoUsd: cost,
    shadowQuality: totals.qualityCount > 0 ? totals.qualitySum / totals.qualityCount : 0,
    shadowQualityObservations: BigInt(totals.qualityCount),
    shadowSavingsNanoUsd: savings,
  };
}
