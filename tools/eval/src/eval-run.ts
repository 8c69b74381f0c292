import type { MessageInitShape } from "@bufbuild/protobuf";
import { ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { EnsembleMode, RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequestSchema, CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { PromptResult } from "./eval-summary.js";
import type { RoutingRecord } from "./routing-data.js";
import { promptMessages } from "./routing-data.js";

/** Strategies the evaluation can run. */
export const evalStrategies = ["pinned", "cheapest", "cascade", "auto", "ensemble", "critique"] as const;

export type EvalStrategy = (typeof evalStrategies)[number];

/** How to build each prompt's request. */
export interface EvalPlan {
  readonly strategy: EvalStrategy;
  readonly minQuality: number;
  /** pinned: the model; critique: the primary. */
  readonly model: string;
  /** Models by mean recorded quality, best first (ensemble members, critics). */
  readonly ranked: readonly string[];
}

/** Sends every record's prompt through RouterService.Complete, `concurrency` at a time. */
export async function runPrompts(routerUrl: string, records: readonly RoutingRecord[], plan: EvalPlan, concurrency: number): Promise<PromptResult[]> {
  const router = createClient(RouterService, createGrpcTransport({ baseUrl: routerUrl }));
  const results: PromptResult[] = new Array<PromptResult>(records.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < records.length) {
      const index = next++;
      const record = records[index]!;
      const started = performance.now();
      try {
        const response = await router.complete(requestFor(record, plan), { timeoutMs: 120_000 });
        results[index] = resultOf(record, response, performance.now() - started);
      } catch (error) {
        process.stderr.write(`prompt ${record.id}: ${ConnectError.from(error).message}\n`);
        results[index] = { record, answeredBy: undefined, calledModels: [], overheadMs: performance.now() - started };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

function resultOf(record: RoutingRecord, response: CompleteResponse, wallMs: number): PromptResult {
  const billed = response.attempts.filter((attempt) => attempt.billed);
  const providerMs = billed.reduce((sum, attempt) => sum + attempt.latencyMs, 0);
  return { record, answeredBy: response.model, calledModels: billed.map((attempt) => attempt.model), overheadMs: Math.max(0, wallMs - providerMs) };
}

function requestFor(record: RoutingRecord, plan: EvalPlan): MessageInitShape<typeof CompleteRequestSchema> {
  const candidates = Object.keys(record.outcomes);
  const available = plan.ranked.filter((model) => candidates.includes(model));
  const messages = promptMessages(record);
  const minQuality = plan.minQuality;
  switch (plan.strategy) {
    case "pinned":
      return { messages, strategy: { kind: { case: "pinned", value: { model: plan.model } } } };
    case "cheapest":
      return { messages, strategy: { kind: { case: "cheapest", value: { minQuality, candidates } } } };
    case "cascade":
      return { messages, minQuality, strategy: { kind: { case: "cascade", value: { threshold: minQuality, candidates } } } };
    case "auto":
      return { messages, strategy: { kind: { case: "auto", value: { minQuality, candidates } } } };
    case "ensemble":
      return {
        messages,
        strategy: { kind: { case: "ensemble", value: { models: available.slice(0, 3), mode: EnsembleMode.JUDGE, aggregator: available[0] ?? plan.model } } },
      };
    case "critique":
      return {
        messages,
        strategy: { kind: { case: "critique", value: { primary: plan.model, critics: available.filter((model) => model !== plan.model).slice(0, 2) } } },
      };
  }
}
