import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { AttemptOutcome, AttemptSchema, GenerationParamsSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import type { ChatMessage, GenerationParams } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { AttemptContextSchema, GenerateRequestSchema, GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { callExecutor, errorReasonOf, reasonDetails } from "@switchyard/runtime";
import type { CallEstimate } from "@switchyard/pricing";
import type { RouteRun } from "./route-run.js";

/** How one model call ended. */
export type ModelOutcome =
  | { readonly ok: true; readonly model: string; readonly response: GenerateResponse }
  | { readonly ok: false; readonly model: string; readonly error: ConnectError; readonly reason: ErrorReason };

/** Options of one call: other messages (critic, synthesizer) and the executor's retry budget. */
export interface ModelCallOptions {
  readonly messages?: readonly ChatMessage[];
  /** 1 turns the executor's retries off (a cascade moves on instead); 0 uses its policy. */
  readonly maxAttempts?: number;
  /** The output cap of a call with messages of the router's own (a split's chunk answers); default the request's. */
  readonly maxOutputTokens?: number;
  /** The call's planned worst case, when its messages are not the request's (max_cost is checked against it). */
  readonly estimate?: CallEstimate;
}

/**
 * Calls one model through the executor under the request's budget, deadline and cancellation,
 * and records every provider attempt (failed ones too, from the AttemptTrail error detail).
 * Refuses, without calling, when the call could take the request past its max_cost.
 */
export async function callModel(run: RouteRun, model: string, options: ModelCallOptions = {}): Promise<ModelOutcome> {
  if (!run.canAfford(model, options.estimate)) {
    const reason = ErrorReason.MAX_COST_EXCEEDED;
    const error = new ConnectError(
      `max_cost: calling "${model}" could take the request past its limit`,
      Code.ResourceExhausted,
      undefined,
      reasonDetails({ reason, model }),
    );
    run.record([
      create(AttemptSchema, {
        model,
        outcome: AttemptOutcome.REJECTED,
        errorCode: codeToString(error.code),
        errorMessage: error.rawMessage,
        errorReason: reason,
      }),
    ]);
    return { ok: false, model, error, reason };
  }
  const end = run.deps.load?.begin(model);
  const outcome = await callExecutor(run.deps.executor, generateRequest(run, model, options), run.callOptions()).finally(end);
  run.record(outcome.attempts);
  if (outcome.ok) return { ok: true, model, response: outcome.response };
  return { ok: false, model, error: outcome.error, reason: errorReasonOf(outcome.error) };
}

/**
 * The executor request for `model` carrying the run's accounting context. Answer calls carry
 * the caller's params (tools, response format ...) and provider options; calls with messages of
 * the router's own (critic, judge, synthesizer) keep only the sampling params.
 */
export function generateRequest(run: RouteRun, model: string, options: ModelCallOptions): MessageInitShape<typeof GenerateRequestSchema> & { model: string } {
  const own = options.messages !== undefined;
  return {
    model,
    messages: [...(options.messages ?? run.request.messages)],
    params: own ? samplingParams(run.request.params, options.maxOutputTokens) : run.request.params,
    ...(!own && run.request.providerOptions ? { providerOptions: run.request.providerOptions } : {}),
    maxAttempts: options.maxAttempts ?? 0,
    context: attemptContext(run),
  };
}

/** The accounting context every provider call of the run carries (reservation included). */
export function attemptContext(run: RouteRun): MessageInitShape<typeof AttemptContextSchema> {
  return {
    requestId: run.caller.requestId,
    apiKeyId: run.caller.apiKeyId ?? "",
    strategy: run.strategyName,
    taskType: run.taskType,
    reservationId: run.reservationId,
    tags: run.request.tags,
  };
}

function samplingParams(params: GenerationParams | undefined, outputCap: number | undefined): GenerationParams | undefined {
  if (!params && outputCap === undefined) return undefined;
  const { maxOutputTokens, temperature, topP, stop, seed, logprobs, reasoningEffort } = params ?? create(GenerationParamsSchema, {});
  return create(GenerationParamsSchema, { maxOutputTokens: outputCap ?? maxOutputTokens, temperature, topP, stop, seed, logprobs, reasoningEffort });
}
