import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { StreamCompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequest, StreamCompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { scoreCandidates } from "./candidates.js";
import { requireUsableModel } from "./model-access.js";
import { releaseReservation, reservePlan } from "./reservation.js";
import type { RouterDeps } from "./router-deps.js";
import type { RouteRun } from "./route-run.js";
import { runFailure } from "./run-failure.js";
import { startRun } from "./complete-request.js";
import { trustedSelectorConfidence } from "./strategies/auto-strategy.js";
import { cheapestOrder, markEscalation } from "./strategies/cheapest-strategy.js";
import { runStrategy } from "./strategy-dispatch.js";
import type { StrategyResult } from "./strategy-result.js";
import { buildCompleteResponse, resultOf } from "./strategy-result.js";
import { StreamFailure, streamModel } from "./stream-call.js";

/** Models to stream in failover order, with the label and confidence of the choice. */
interface StreamPlan {
  readonly models: readonly { readonly model: string; readonly confidence: number }[];
  readonly label: string;
}

/**
 * StreamComplete: single-model strategies (pinned, cheapest, a confident auto) stream deltas
 * as the provider produces them and fail over to the next model only before the first delta;
 * after it, a failure ends the stream with the provider's status and what was used stays
 * billed. Strategies that must see whole answers before choosing (cascade, ensemble, critique,
 * an unsure auto) run to completion first and then send the chosen answer.
 */
export async function* streamComplete(deps: RouterDeps, request: CompleteRequest, context: HandlerContext): AsyncGenerator<StreamCompleteResponse> {
  const started = performance.now();
  const run = startRun(deps, request, context);
  try {
    const plan = await planStream(run);
    if (!plan) {
      const result = await runStrategy(run, request.strategy);
      yield startEvent(run, result.model);
      yield create(StreamCompleteResponseSchema, { event: { case: "delta", value: { text: result.answer } } });
      yield completedEvent(run, result, started);
      return;
    }
    yield* streamWithFailover(run, plan, started);
  } finally {
    void releaseReservation(run);
  }
}

async function* streamWithFailover(run: RouteRun, plan: StreamPlan, started: number): AsyncGenerator<StreamCompleteResponse> {
  const reserved = await reservePlan(run, plan.models.map((choice) => choice.model));
  let lastError: ConnectError | undefined;
  for (const choice of plan.models.slice(0, reserved.models.length)) {
    if (!run.canAfford(choice.model)) continue;
    let announced = false;
    try {
      for await (const event of streamModel(run, choice.model)) {
        if ("delta" in event) {
          if (!announced) yield startEvent(run, choice.model);
          announced = true;
          yield create(StreamCompleteResponseSchema, { event: { case: "delta", value: { text: event.delta } } });
        } else {
          if (!announced) yield startEvent(run, choice.model);
          yield completedEvent(run, resultOf(event.completed, plan.label, choice.confidence), started);
          return;
        }
      }
      return;
    } catch (caught) {
      if (!(caught instanceof StreamFailure)) throw caught;
      if (caught.started) throw runFailure(run, caught.error);
      lastError = caught.error;
      markEscalation(run, choice.model, `failed before the first token with ${codeToString(caught.error.code)}: failing over`);
    }
  }
  throw runFailure(run, lastError ?? new ConnectError("no model could be streamed within the request's limits", Code.ResourceExhausted));
}

/** The failover list for single-model strategies; undefined for strategies that buffer. */
async function planStream(run: RouteRun): Promise<StreamPlan | undefined> {
  const kind = run.request.strategy?.kind ?? { case: undefined };
  const bar = run.request.minQuality ?? run.deps.routing.defaultMinQuality;
  if (kind.case === "pinned") {
    requireUsableModel(run.deps.access, run.caller.tenant, kind.value.model, "strategy.pinned.model");
    return { models: [{ model: kind.value.model, confidence: 1 }], label: "pinned" };
  }
  if (kind.case !== "cheapest" && kind.case !== "auto" && kind.case !== undefined) return undefined;
  const candidates = kind.case === undefined ? [] : kind.value.candidates;
  const minQuality = (kind.case === undefined ? undefined : kind.value.minQuality) ?? bar;
  if (!(minQuality >= 0 && minQuality <= 1)) return undefined;
  const order = cheapestOrder(await scoreCandidates(run, candidates, `strategy.${kind.case ?? "auto"}.candidates`), minQuality);
  const trusted = order[0] !== undefined && order[0].predictedQuality >= minQuality && order[0].confidence >= trustedSelectorConfidence;
  if (kind.case !== "cheapest" && !trusted) return undefined;
  return { models: order.map((candidate) => ({ model: candidate.model, confidence: candidate.predictedQuality })), label: kind.case === "cheapest" ? "cheapest" : "auto/cheapest" };
}

function startEvent(run: RouteRun, model: string): StreamCompleteResponse {
  const provider = run.deps.access.models[model]?.provider ?? "";
  const simulated = run.deps.access.providers[provider]?.simulated ?? false;
  return create(StreamCompleteResponseSchema, {
    event: { case: "start", value: { model, provider, requestId: run.caller.requestId, traceId: run.caller.traceId, simulated } },
  });
}

function completedEvent(run: RouteRun, result: StrategyResult, started: number): StreamCompleteResponse {
  return create(StreamCompleteResponseSchema, { event: { case: "completed", value: buildCompleteResponse(run, result, started) } });
}
