import type { ServiceSpanOptions, TraceSpan } from "@switchyard/runtime";
import { errorReasonName, markSpanFailed } from "@switchyard/runtime";
import type { FinishReason } from "@switchyard/provider-spec";
import type { ModelDeployment } from "../model-deployments.js";
import type { AttemptEnd } from "./attempt-end.js";

/**
 * OpenTelemetry GenAI attribute names (semantic conventions, "development" status: the names
 * are written out here so that a rename upstream is a decision, not a dependency update).
 * Contents never go on a span: no prompt, no answer, no tool arguments, no key.
 */
const genAi = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  system: "gen_ai.system",
  requestModel: "gen_ai.request.model",
  requestMaxTokens: "gen_ai.request.max_tokens",
  requestTemperature: "gen_ai.request.temperature",
  requestStream: "gen_ai.request.stream",
  responseModel: "gen_ai.response.model",
  responseFinishReasons: "gen_ai.response.finish_reasons",
  inputTokens: "gen_ai.usage.input_tokens",
  outputTokens: "gen_ai.usage.output_tokens",
} as const;

/** What a provider span needs to know about the call before it is made. */
export interface ProviderSpanRequest {
  readonly deployment: ModelDeployment;
  readonly stream: boolean;
  readonly maxOutputTokens: number | undefined;
  readonly temperature: number | undefined;
}

/** The span's name, `{operation} {model}` as the GenAI conventions ask. */
export function providerSpanName(deployment: ModelDeployment): string {
  return `chat ${deployment.model}`;
}

/**
 * The request side of a provider call's CLIENT span. `gen_ai.provider.name` (and the older
 * `gen_ai.system`) is the configured provider; `switchyard.simulated` says when that provider
 * is the simulator, so a trace never passes a simulated answer off as a real model's.
 */
export function providerSpanOptions(request: ProviderSpanRequest): ServiceSpanOptions {
  const { deployment } = request;
  return {
    kind: "client",
    attributes: {
      [genAi.operationName]: "chat",
      [genAi.providerName]: deployment.provider,
      [genAi.system]: deployment.provider,
      [genAi.requestModel]: deployment.providerModel,
      [genAi.requestStream]: request.stream,
      ...(request.maxOutputTokens !== undefined ? { [genAi.requestMaxTokens]: request.maxOutputTokens } : {}),
      ...(request.temperature !== undefined ? { [genAi.requestTemperature]: request.temperature } : {}),
      "switchyard.model": deployment.model,
      "switchyard.simulated": deployment.simulated,
    },
  };
}

/**
 * The outcome side: usage and finish reason of an answer, or the provider error's kind. The
 * response model is the deployment's provider model id (the adapters do not surface the
 * model name a provider echoes back).
 */
export function recordProviderOutcome(span: TraceSpan, deployment: ModelDeployment, end: AttemptEnd): void {
  if (end.kind === "rejected") return markSpanFailed(span, errorReasonName(end.reason));
  span.setAttribute(genAi.responseModel, deployment.providerModel);
  if (end.usage) span.setAttributes({ [genAi.inputTokens]: end.usage.inputTokens, [genAi.outputTokens]: end.usage.outputTokens });
  if (end.kind === "succeeded") span.setAttribute(genAi.responseFinishReasons, [finishReasonName(end.finishReason)]);
  else if (end.kind === "failed") markSpanFailed(span, end.error.kind);
  else markSpanFailed(span, end.reason);
}

/** Our unified finish reason in the GenAI conventions' spelling (OpenAI's: `tool_calls`, `content_filter`). */
function finishReasonName(reason: FinishReason): string {
  return reason.replace("-", "_");
}
