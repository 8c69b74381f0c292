import { scoreCandidates } from "../candidates.js";
import { requireUsableModel } from "../model-access.js";
import type { RouteRun } from "../route-run.js";
import { cheapestOrder } from "../strategies/cheapest-strategy.js";
import { qualityBar, requestBar } from "../strategy/quality-bar.js";

/** The one model that answers every chunk of a split and combines their answers. */
export interface SplitModel {
  readonly model: string;
  /** The confidence the response reports: 1 for a pinned model, else its predicted quality. */
  readonly confidence: number;
  /** The strategy as recorded in the response ("split/pinned", "split/cheapest", "split/auto"). */
  readonly label: string;
}

/**
 * The request's strategy picks the split's model: pinned its model; cheapest and auto (and no
 * strategy, which is auto; task rules do not apply to a split) the cheapest candidate that
 * clears the bar, whatever its window, since the input is cut to fit it. A split never climbs a
 * cascade: one model answers the chunks and combines them, the executor retrying each call.
 */
export async function splitModel(run: RouteRun): Promise<SplitModel> {
  const kind = run.request.strategy?.kind ?? { case: undefined };
  if (kind.case === "pinned") {
    requireUsableModel(run.deps.access, run.caller.tenant, kind.value.model, "strategy.pinned.model");
    return { model: kind.value.model, confidence: 1, label: "split/pinned" };
  }
  const name = kind.case === "cheapest" ? "cheapest" : "auto";
  const options = kind.case === "cheapest" || kind.case === "auto" ? kind.value : undefined;
  const minQuality = qualityBar(options?.minQuality, `strategy.${name}.min_quality`) ?? requestBar(run);
  const scored = await scoreCandidates(run, options?.candidates ?? [], `strategy.${name}.candidates`, options?.tier, "any");
  const chosen = cheapestOrder(scored, minQuality)[0]!;
  return { model: chosen.model, confidence: chosen.predictedQuality, label: `split/${name}` };
}
