import { create } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { FeedbackSource } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { currentRequestContext, runWithRequestContext } from "@switchyard/runtime";
import { callModel } from "../model-call.js";
import { RouteRun } from "../route-run.js";
import { publishBehind } from "../records/record-publisher.js";
import { realisedQuality } from "./realised-quality.js";
import { shadowObservation } from "./shadow-observation.js";
import { roleTag, shadowOfTag, shadowTarget } from "./shadow-target.js";

/** How long a shadow call may take: it runs after the caller has its answer, on no one's deadline. */
const shadowDeadlineMs = 120_000;

/**
 * Starts the shadow of an answered request when its shadow_rate draws one (see shadowTarget):
 * in the background, so the answer never waits, and never failing it. Returns the shadow's
 * completion (tests await it; the router does not).
 */
export function startShadow(run: RouteRun, response: CompleteResponse, draw: () => number = Math.random): Promise<void> | undefined {
  const target = shadowTarget(run.request, response, draw);
  if (!target) return undefined;
  const parent = currentRequestContext();
  const body = (): Promise<void> =>
    shadow(run, response, target).catch((error: unknown) => {
      const failure = ConnectError.from(error);
      run.deps.logger.warn({ requestId: run.caller.requestId, model: target, code: failure.code, error: failure.rawMessage }, "shadow call failed");
    });
  return parent ? runWithRequestContext({ ...parent, requestId: `${run.caller.requestId}/shadow` }, body) : body();
}

/**
 * One shadow: the best model answers the same request under its own budget hold and request id
 * (`<id>/shadow`, tagged with the request it measures), its attempts billed like any call; the
 * served answer's realised quality against it goes to the ledger and to the tenant's estimates.
 */
async function shadow(run: RouteRun, served: CompleteResponse, target: string): Promise<void> {
  const tags = { ...run.request.tags, [roleTag]: "shadow", [shadowOfTag]: run.caller.requestId };
  const request = create(CompleteRequestSchema, { ...run.request, tags, shadowRate: undefined });
  const caller = { ...run.caller, requestId: `${run.caller.requestId}/shadow` };
  const signal = AbortSignal.timeout(shadowDeadlineMs);
  const shadowRun = new RouteRun(run.deps, request, caller, { signal, timeoutMs: () => undefined }, "shadow");
  shadowRun.taskType = run.taskType;
  try {
    const granted = await shadowRun.holdBudget([{ model: target, role: "answer", estimate: shadowRun.estimate(target) }]);
    if (granted.calls.length === 0) return;
    const outcome = await callModel(shadowRun, target);
    if (!outcome.ok) throw outcome.error;
    const realised = await realisedQuality(shadowRun, served, outcome.response.text);
    publishBehind(run.deps.publishRecord, shadowObservation(served, run.caller, run.request.tags, target, realised, Date.now()), run.deps.logger);
    const predicted = served.routingDecision?.candidates.find((candidate) => candidate.model === served.model)?.predictedQuality;
    await run.deps.selector.feedback(
      {
        requestId: run.caller.requestId,
        model: served.model,
        quality: realised.quality,
        source: FeedbackSource.SHADOW,
        tenant: run.caller.tenant,
        taskType: run.taskType,
        ...(predicted !== undefined ? { predictedQuality: predicted } : { messages: run.request.messages }),
      },
      { signal },
    );
  } finally {
    await shadowRun.releaseBudget();
  }
}
