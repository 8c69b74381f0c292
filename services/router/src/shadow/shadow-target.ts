import { Code, ConnectError } from "@connectrpc/connect";
import type { CompleteRequest, CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";

/** Tag on a shadow's cost events and observation: `shadow`, so no report takes it for an answer. */
export const roleTag = "switchyard_role";
/** Tag naming the request a shadow call measured (its own request id is `<id>/shadow`). */
export const shadowOfTag = "switchyard_shadow_of";

/** Checks CompleteRequest.shadow_rate: a fraction in [0,1] when set. */
export function checkShadowRate(request: CompleteRequest): void {
  const rate = request.shadowRate;
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new ConnectError(`shadow_rate: must be in [0,1], got ${rate}`, Code.InvalidArgument);
}

/**
 * The model to shadow an answered request with, or undefined for none: the routing decision's
 * baseline (the best single model it was measured against) when another model answered and the
 * draw falls under the request's shadow_rate. A rate of 0 (or unset) never shadows, 1 always
 * does; a request the best model answered has nothing to compare and is not shadowed.
 */
export function shadowTarget(request: CompleteRequest, response: CompleteResponse, draw: () => number): string | undefined {
  const rate = request.shadowRate ?? 0;
  if (rate <= 0 || response.cacheHit) return undefined;
  const best = response.routingDecision?.baselineModel ?? "";
  if (best === "" || best === response.model) return undefined;
  return draw() < rate ? best : undefined;
}
