import { Code } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import type { CallSettings, GenerateResult, PromptMessage, TokenUsage, ToolCallDeltaPart } from "@switchyard/provider-spec";
import { ProviderError } from "@switchyard/provider-spec";
import { inSpan } from "@switchyard/runtime";
import type { BreakerOutcome } from "../breaker/circuit-breaker.js";
import type { ServedModel } from "../served-model.js";
import type { AttemptEnd, AttemptTiming } from "./attempt-end.js";
import { billedUsage } from "./attempt-end.js";
import type { AttemptTimer } from "./attempt-timer.js";
import { createAttemptTimer } from "./attempt-timer.js";
import type { CallDeadline } from "./call-deadline.js";
import { estimateUsage } from "./estimated-usage.js";
import { providerSpanName, providerSpanOptions, recordProviderOutcome } from "./provider-span.js";

/** One call as its attempts see it. */
export interface AttemptPlan {
  readonly served: ServedModel;
  readonly stream: boolean;
  readonly messages: readonly PromptMessage[];
  readonly settings: CallSettings;
  readonly providerOptions: Readonly<Record<string, unknown>>;
  readonly deadline: CallDeadline;
  /** Prompt tokens as the model's tokenizer counts them (computed once, when first needed). */
  readonly inputEstimate: () => number;
  /** performance.now() when the call began, for time to first token. */
  readonly callStartedMs: number;
  /** Receives each text delta as it arrives (streams only). */
  readonly onDelta?: (text: string) => void;
  /** Receives each tool-call fragment as it arrives (streams only), in order with the text. */
  readonly onToolCallDelta?: (delta: ToolCallDeltaPart) => void;
}

/**
 * One attempt: past the breaker, the shared rate limits and the concurrency gate, then exactly
 * one provider call under the attempt timer. It never throws: every way it can end is an
 * AttemptEnd, and the guards are settled whatever happened (tokens refunded or charged, the
 * breaker told, the slot freed).
 */
export async function runAttempt(plan: AttemptPlan): Promise<AttemptEnd> {
  const { deployment, guards } = plan.served;
  const admission = await guards.breaker.admit();
  if (!admission.admitted) {
    return reject(
      admission.rateLimited ? Code.ResourceExhausted : Code.Unavailable,
      ErrorReason.CIRCUIT_OPEN,
      `the circuit breaker of ${deployment.model} is open`,
      admission.retryAfterMs,
    );
  }
  const wantedTokens = deployment.limits.tokensPerMinute === undefined ? 0 : plan.inputEstimate() + (plan.settings.maxOutputTokens ?? 0);
  const rate = await guards.rate.acquire(wantedTokens);
  if (!rate.allowed) {
    await guards.breaker.record({ kind: "neutral" }, admission.probe);
    return reject(Code.ResourceExhausted, ErrorReason.RATE_LIMITED, `the ${rate.limit}-per-minute limit of ${deployment.model} is reached`, rate.retryAfterMs);
  }
  const entry = await guards.gate.enter(plan.deadline.signal);
  if ("refused" in entry) {
    await guards.rate.settle(rate.tokensTaken, 0);
    await guards.breaker.record({ kind: "neutral" }, admission.probe);
    if (entry.refused === "queue_full")
      return reject(Code.ResourceExhausted, ErrorReason.QUEUE_FULL, `${deployment.model} has its maximum of calls in flight and queued`);
    return {
      kind: "stopped",
      reason: plan.deadline.stopReason ?? "cancelled",
      producedText: false,
      latencyMs: 0,
      timeToFirstTokenMs: 0,
      callTimeToFirstTokenMs: 0,
    };
  }
  const end = await tracedProviderCall(plan);
  entry.release();
  await guards.rate.settle(rate.tokensTaken, billedUsage(end)?.totalTokens ?? 0);
  await guards.breaker.record(breakerOutcome(end), admission.probe);
  if (end.kind === "succeeded") guards.latency.record(end.latencyMs);
  return end;
}

function reject(code: Code, reason: ErrorReason, message: string, retryAfterMs?: number): AttemptEnd {
  return { kind: "rejected", code, reason, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
}

/** The provider call in a GenAI CLIENT span (a no-op span when tracing is off). */
function tracedProviderCall(plan: AttemptPlan): Promise<AttemptEnd> {
  const { deployment } = plan.served;
  const options = providerSpanOptions({
    deployment,
    stream: plan.stream,
    maxOutputTokens: plan.settings.maxOutputTokens,
    temperature: plan.settings.temperature,
  });
  return inSpan(providerSpanName(deployment), options, async (span) => {
    const end = await callProvider(plan);
    recordProviderOutcome(span, deployment, end);
    return end;
  });
}

async function callProvider(plan: AttemptPlan): Promise<AttemptEnd> {
  const { deployment } = plan.served;
  const started = performance.now();
  const timer = createAttemptTimer(plan.deadline.signal, deployment.attemptTimeoutMs);
  const progress: StreamProgress = { text: "", toolText: "", firstTokenAt: 0 };
  const timing = (): AttemptTiming => attemptTiming(started, plan.callStartedMs, progress.firstTokenAt);
  try {
    const options = { messages: plan.messages, settings: plan.settings, providerOptions: plan.providerOptions, abortSignal: timer.signal };
    const result = plan.stream ? await readStream(plan, options, timer, progress) : await deployment.executor.generate(options);
    if (!plan.stream) progress.firstTokenAt = performance.now();
    return { kind: "succeeded", ...result, ...timing() };
  } catch (error) {
    const providerError = ProviderError.isInstance(error)
      ? error
      : new ProviderError({ kind: "malformed_response", provider: deployment.provider, message: String(error), cause: error });
    const produced = progress.text + progress.toolText;
    const usage = produced.length > 0 ? estimateUsage(deployment.estimator, plan.inputEstimate(), produced) : undefined;
    const partial = { producedText: produced.length > 0, ...(usage ? { usage } : {}), ...timing() };
    if (plan.deadline.stopReason && !timer.timedOut) return { kind: "stopped", reason: plan.deadline.stopReason, ...partial };
    return { kind: "failed", error: timer.timedOut ? attemptTimeoutError(plan, produced.length > 0) : providerError, ...partial };
  } finally {
    timer.dispose();
  }
}

async function readStream(
  plan: AttemptPlan,
  options: Parameters<ServedModel["deployment"]["executor"]["stream"]>[0],
  timer: AttemptTimer,
  progress: StreamProgress,
): Promise<GenerateResult> {
  const { deployment } = plan.served;
  for await (const part of deployment.executor.stream(options)) {
    if (part.type !== "finish" && progress.firstTokenAt === 0) progress.firstTokenAt = performance.now();
    if (part.type === "text-delta") {
      timer.rearm(deployment.streamIdleTimeoutMs);
      progress.text += part.text;
      plan.onDelta?.(part.text);
      continue;
    }
    if (part.type === "tool-call-delta") {
      timer.rearm(deployment.streamIdleTimeoutMs);
      progress.toolText += (part.name ?? "") + part.argumentsFragment;
      plan.onToolCallDelta?.(part);
      continue;
    }
    const usage: TokenUsage = part.usage ?? estimateUsage(deployment.estimator, plan.inputEstimate(), progress.text + progress.toolText);
    return {
      text: progress.text,
      usage,
      finishReason: part.finishReason,
      ...(part.meanLogprob !== undefined ? { meanLogprob: part.meanLogprob } : {}),
      ...(part.toolCalls && part.toolCalls.length > 0 ? { toolCalls: part.toolCalls } : {}),
    };
  }
  throw new ProviderError({ kind: "unavailable", provider: deployment.provider, message: "the stream ended without a finish" });
}

/** What a stream has produced so far: text, tool-call text (names and arguments), when it started. */
interface StreamProgress {
  text: string;
  toolText: string;
  firstTokenAt: number;
}

/** An attempt's timing from `performance.now()` readings; `firstTokenAt` is 0 when no token came. */
function attemptTiming(startedAt: number, callStartedAt: number, firstTokenAt: number): AttemptTiming {
  return {
    latencyMs: performance.now() - startedAt,
    timeToFirstTokenMs: firstTokenAt > 0 ? firstTokenAt - startedAt : 0,
    callTimeToFirstTokenMs: firstTokenAt > 0 ? firstTokenAt - callStartedAt : 0,
  };
}

function attemptTimeoutError(plan: AttemptPlan, afterFirstToken: boolean): ProviderError {
  const { deployment } = plan.served;
  const message = afterFirstToken
    ? `the stream went silent for ${deployment.streamIdleTimeoutMs} ms (stream idle timeout)`
    : `no answer within ${deployment.attemptTimeoutMs} ms (attempt timeout)`;
  return new ProviderError({ kind: "timeout", provider: deployment.provider, message });
}

/** What the breaker learns from an attempt: provider trouble counts, the caller's own errors do not. */
function breakerOutcome(end: AttemptEnd): BreakerOutcome {
  if (end.kind === "succeeded") return { kind: "success" };
  if (end.kind !== "failed" || !end.error.isRetryable) return { kind: "neutral" };
  const rateLimitedForMs = end.error.kind === "rate_limited" ? end.error.retryAfterMs : undefined;
  return { kind: "failure", ...(rateLimitedForMs !== undefined ? { rateLimitedForMs } : {}) };
}
