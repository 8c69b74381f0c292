import { Code, ConnectError } from "@connectrpc/connect";
import type { RouteRun } from "../route-run.js";

/** A quality bar in [0,1], or undefined when unset; anything else is INVALID_ARGUMENT naming the field. */
export function qualityBar(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!(value >= 0 && value <= 1)) throw new ConnectError(`${field}: must be between 0 and 1, got ${value}`, Code.InvalidArgument);
  return value;
}

/** The request's own bar (`min_quality`), else the routing default. */
export function requestBar(run: RouteRun): number {
  return qualityBar(run.request.minQuality, "min_quality") ?? run.deps.routing.defaultMinQuality;
}
