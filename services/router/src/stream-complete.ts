import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { StreamCompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequest, StreamCompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { startRun } from "./complete-request.js";
import type { RouterDeps } from "./router-deps.js";
import type { RouteRun } from "./route-run.js";
import type { ModelCallOptions } from "./model-call.js";
import { runFailure } from "./run-failure.js";
import { markEscalation } from "./strategies/cheapest-strategy.js";
import { planAndHold } from "./strategy/plan-runner.js";
import { grantedModels } from "./strategy/planned-calls.js";
import type { GrantedCalls, StrategyPlan } from "./strategy/strategy-contract.js";
import type { StrategyResult } from "./strategy-result.js";
import { answerRun } from "./records/answer-run.js";
import { resultOf } from "./strategy-result.js";
import { StreamFailure, streamModel } from "./stream-call.js";
import { failureSummary } from "./failure-summary.js";

/**
 * StreamComplete runs the same plan Complete would. A plan with a stream order (pinned,
 * cheapest, a confident auto) streams deltas as the provider produces them and fails over to the
 * next model only before the first delta; after it, a failure ends the stream with the
 * provider's status and what was used stays billed. Plans that must see whole answers before
 * choosing (cascade, ensemble, critique, an unsure auto) run to completion first and then send
 * the chosen answer (its tool calls as one delta each). A plan with a final call (a split's
 * combine call) runs the calls before it, then streams that call. Tool-call fragments are
 * passed on in the order the provider sent them.
 */
export async function* streamComplete(deps: RouterDeps, request: CompleteRequest, context: HandlerContext): AsyncGenerator<StreamCompleteResponse> {
  const started = performance.now();
  const run = startRun(deps, request, context);
  try {
    const { plan, granted } = await planAndHold(run);
    if (plan.finalCall) {
      yield* streamFinalCall(run, plan, granted, started);
      return;
    }
    if (!plan.stream) {
      const result = await plan.execute(granted);
      yield startEvent(run, result.model);
      if (result.answer) yield create(StreamCompleteResponseSchema, { event: { case: "delta", value: { text: result.answer } } });
      for (const [index, call] of (result.toolCalls ?? []).entries()) {
        const toolCall = { index, id: call.id, name: call.name, argumentsFragment: call.argumentsJson };
        yield create(StreamCompleteResponseSchema, { event: { case: "delta", value: { toolCall } } });
      }
      yield completedEvent(run, result, started);
      return;
    }
    yield* streamWithFailover(run, plan, granted, started);
  } finally {
    void run.releaseBudget();
  }
}

/** The plan's stream order, cut to the answer calls the budget granted. */
function grantedStream(plan: StrategyPlan, granted: GrantedCalls): NonNullable<StrategyPlan["stream"]> {
  return (plan.stream ?? []).slice(0, grantedModels(granted).length);
}

async function* streamWithFailover(run: RouteRun, plan: StrategyPlan, granted: GrantedCalls, started: number): AsyncGenerator<StreamCompleteResponse> {
  let lastError: ConnectError | undefined;
  for (const choice of grantedStream(plan, granted)) {
    if (!run.canAfford(choice.model)) continue;
    try {
      yield* relayModel(run, { ...choice, label: plan.label }, started);
      return;
    } catch (caught) {
      if (!(caught instanceof StreamFailure)) throw caught;
      if (caught.started) throw runFailure(run, caught.error);
      lastError = caught.error;
      markEscalation(run, choice.model, `${failureSummary(caught.error)} before the first token: failing over`);
    }
  }
  throw runFailure(run, lastError ?? new ConnectError("no model could be streamed within the request's limits", Code.ResourceExhausted));
}

/** Runs the calls before a plan's final call, then streams that call (one model: no failover). */
async function* streamFinalCall(run: RouteRun, plan: StrategyPlan, granted: GrantedCalls, started: number): AsyncGenerator<StreamCompleteResponse> {
  const final = await plan.finalCall!(granted);
  if (!run.canAfford(final.model, final.estimate)) {
    throw runFailure(run, new ConnectError(`max_cost: calling "${final.model}" could take the request past its limit`, Code.ResourceExhausted));
  }
  try {
    yield* relayModel(run, { ...final, label: plan.label }, started, { messages: final.messages, estimate: final.estimate });
  } catch (caught) {
    throw caught instanceof StreamFailure ? runFailure(run, caught.error) : caught;
  }
}

/** Relays one model's stream: start with its first event, deltas as they come, then completed. */
async function* relayModel(
  run: RouteRun,
  choice: { readonly model: string; readonly confidence: number; readonly label: string },
  started: number,
  options: ModelCallOptions = {},
): AsyncGenerator<StreamCompleteResponse> {
  let announced = false;
  for await (const event of streamModel(run, choice.model, options)) {
    if (!announced) yield startEvent(run, choice.model);
    announced = true;
    if ("delta" in event) {
      yield create(StreamCompleteResponseSchema, { event: { case: "delta", value: { text: event.delta } } });
    } else if ("toolCall" in event) {
      yield create(StreamCompleteResponseSchema, { event: { case: "delta", value: { toolCall: event.toolCall } } });
    } else {
      yield completedEvent(run, resultOf(event.completed, choice.label, choice.confidence), started);
      return;
    }
  }
}

function startEvent(run: RouteRun, model: string): StreamCompleteResponse {
  const provider = run.deps.access.models[model]?.provider ?? "";
  const simulated = run.deps.access.providers[provider]?.simulated ?? false;
  return create(StreamCompleteResponseSchema, {
    event: { case: "start", value: { model, provider, requestId: run.caller.requestId, traceId: run.caller.traceId, simulated } },
  });
}

function completedEvent(run: RouteRun, result: StrategyResult, started: number): StreamCompleteResponse {
  return create(StreamCompleteResponseSchema, { event: { case: "completed", value: answerRun(run, result, started) } });
}
