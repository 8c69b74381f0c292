import { create } from "@bufbuild/protobuf";
import { UsageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { FinishReason, ToolCall, Usage } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { Critique } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { CompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteResponse, EnsembleCandidate } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RouteRun } from "./route-run.js";

/** What a strategy decided: the answer and why it is trusted. Attempts and cost live in the run. */
export interface StrategyResult {
  readonly answer: string;
  readonly model: string;
  readonly provider: string;
  readonly finishReason: FinishReason;
  readonly confidence: number;
  readonly simulated: boolean;
  /** The strategy that ran, e.g. "cascade" or "auto/cheapest". */
  readonly strategy: string;
  readonly critiques?: readonly Critique[];
  readonly candidates?: readonly EnsembleCandidate[];
  /** The tools the answering model called (finish reason TOOL_CALLS). */
  readonly toolCalls?: readonly ToolCall[];
}

/** A strategy result for a single model's answer. */
export function resultOf(response: GenerateResponse, strategy: string, confidence: number): StrategyResult {
  return {
    answer: response.text,
    model: response.model,
    provider: response.provider,
    finishReason: response.finishReason,
    confidence,
    simulated: response.simulated,
    strategy,
    ...(response.toolCalls.length > 0 ? { toolCalls: response.toolCalls } : {}),
  };
}

/** The response: the strategy's answer plus every attempt, summed usage and total cost. */
export function buildCompleteResponse(run: RouteRun, result: StrategyResult, startedMs: number): CompleteResponse {
  return create(CompleteResponseSchema, {
    answer: result.answer,
    model: result.model,
    provider: result.provider,
    strategy: result.strategy,
    attempts: run.attempts,
    critiques: [...(result.critiques ?? [])],
    candidates: [...(result.candidates ?? [])],
    totalCostNanoUsd: run.spentNanoUsd,
    confidence: result.confidence,
    traceId: run.caller.traceId,
    requestId: run.caller.requestId,
    usage: totalUsage(run),
    finishReason: result.finishReason,
    latencyMs: performance.now() - startedMs,
    taskType: run.taskType,
    selectorVersion: run.selectorVersion,
    complexity: run.complexity,
    simulated: result.simulated,
    toolCalls: [...(result.toolCalls ?? [])],
    routingDecision: run.decision.build(run.attempts, result.model),
  });
}

function totalUsage(run: RouteRun): Usage {
  const usage = create(UsageSchema, {});
  for (const attempt of run.attempts) {
    const part = attempt.usage;
    if (!part) continue;
    usage.inputTokens += part.inputTokens;
    usage.cachedInputTokens += part.cachedInputTokens;
    usage.cacheCreationInputTokens += part.cacheCreationInputTokens;
    usage.outputTokens += part.outputTokens;
    usage.reasoningTokens += part.reasoningTokens;
    usage.totalTokens += part.totalTokens;
    usage.estimated ||= part.estimated;
  }
  return usage;
}
