import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";
import { JudgeMode } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { EnsembleCandidateSchema, EnsembleMode } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { EnsembleCandidate, EnsembleStrategy } from "@switchyard/contracts/switchyard/v1/router_pb";
import { mapBounded } from "@switchyard/runtime";
import { refuseTools } from "../checks/tool-strategy-guard.js";
import { requireUsableModel } from "../model-access.js";
import { attemptContext, callModel } from "../model-call.js";
import type { RouteRun } from "../route-run.js";
import { runFailure } from "../run-failure.js";
import type { StrategyResult } from "../strategy-result.js";
import { resultOf } from "../strategy-result.js";
import { answerCall, grantedModels, reviewCall } from "../strategy/planned-calls.js";
import type { GrantedCalls, RouterStrategy } from "../strategy/strategy-contract.js";
import { priciestModel } from "./model-choice.js";
import { synthesisMessages } from "./synthesis-prompt.js";

/**
 * `ensemble(models, judge | synthesize)`: every model answers in parallel (bounded), then the
 * critic's judge picks the best answer, or a synthesizer model merges them (mixture of agents).
 * Members that fail are itemised and left out; if the judge fails, the answer of the priciest
 * member that answered stands, with low confidence. The plan holds the aggregator's call right
 * after the first member's, so a budget that cannot hold every member keeps the aggregator.
 */
export const ensembleStrategy: RouterStrategy<"ensemble"> = {
  plan(run, options) {
    refuseTools(run, "ensemble");
    const models = options?.models ?? [];
    if (models.length === 0) throw new ConnectError("strategy.ensemble.models: name at least one model", Code.InvalidArgument);
    models.forEach((model, index) => requireUsableModel(run.deps.access, run.caller.tenant, model, `strategy.ensemble.models[${index}]`));
    const synthesize = options?.mode === EnsembleMode.SYNTHESIZE;
    const aggregator = options?.aggregator || (synthesize ? run.deps.routing.synthesizerModel : run.deps.routing.judgeModel) || priciestModel(run, models);
    requireUsableModel(run.deps.access, run.caller.tenant, aggregator, "strategy.ensemble.aggregator");
    const aggregation = reviewCall(run, aggregator, synthesize ? "synthesizer" : "judge", models.length);
    const [first, ...rest] = models.map((model) => answerCall(run, model));
    return Promise.resolve({
      label: synthesize ? "ensemble/synthesize" : "ensemble/judge",
      calls: [first!, aggregation, ...rest],
      execute: (granted) =>
        runMembers(run, { mode: options?.mode ?? EnsembleMode.UNSPECIFIED, maxConcurrency: options?.maxConcurrency ?? 0 }, granted, aggregator),
    });
  },
};

async function runMembers(
  run: RouteRun,
  strategy: Pick<EnsembleStrategy, "mode" | "maxConcurrency">,
  granted: GrantedCalls,
  aggregator: string,
): Promise<StrategyResult> {
  const outcomes = await mapBounded(grantedModels(granted), strategy.maxConcurrency, (model) => callModel(run, model));
  const answered = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.response] : []));
  if (answered.length === 0) throw runFailure(run, outcomes.find((outcome) => !outcome.ok)!.error);
  const synthesize = strategy.mode === EnsembleMode.SYNTHESIZE;
  // The budget held one member and no aggregator: that member's answer stands, unjudged.
  if (!granted.calls.some((call) => call.role !== "answer"))
    return { ...resultOf(answered[0]!, synthesize ? "ensemble/synthesize" : "ensemble/judge", 0), candidates: candidatesOf(answered, 0, () => 0) };
  if (synthesize) return synthesizeAnswers(run, answered, aggregator);
  return judgeAnswers(run, answered, aggregator);
}

async function judgeAnswers(run: RouteRun, answered: readonly GenerateResponse[], judge: string): Promise<StrategyResult> {
  try {
    const verdict = await run.deps.critic.judge(
      {
        messages: run.request.messages,
        candidates: answered.map((response) => ({ model: response.model, answer: response.text })),
        judges: [judge],
        mode: JudgeMode.RANK,
        context: attemptContext(run),
      },
      run.callOptions(),
    );
    run.record(verdict.attempts);
    const best = answered[verdict.bestIndex] ?? answered[0]!;
    const scoreOf = (index: number): number => verdict.ranking.find((entry) => entry.index === index)?.score ?? 0;
    return { ...resultOf(best, "ensemble/judge", scoreOf(verdict.bestIndex)), candidates: candidatesOf(answered, verdict.bestIndex, scoreOf) };
  } catch (error) {
    run.deps.logger.warn({ error: ConnectError.from(error).rawMessage }, "judge failed; keeping the priciest member's answer");
    const fallback = answered.indexOf(
      answered.reduce((best, response) => (run.estimate(response.model).maxCostNanoUsd > run.estimate(best.model).maxCostNanoUsd ? response : best)),
    );
    return { ...resultOf(answered[fallback]!, "ensemble/judge", 0), candidates: candidatesOf(answered, fallback, () => 0) };
  }
}

async function synthesizeAnswers(run: RouteRun, answered: readonly GenerateResponse[], synthesizer: string): Promise<StrategyResult> {
  const outcome = await callModel(run, synthesizer, { messages: synthesisMessages(run.request.messages, answered) });
  if (!outcome.ok) throw runFailure(run, outcome.error);
  const result = resultOf(outcome.response, "ensemble/synthesize", 1);
  return { ...result, finishReason: outcome.response.finishReason ?? FinishReason.STOP, candidates: candidatesOf(answered, -1, () => 0) };
}

function candidatesOf(answered: readonly GenerateResponse[], selected: number, scoreOf: (index: number) => number): EnsembleCandidate[] {
  return answered.map((response, index) =>
    create(EnsembleCandidateSchema, {
      model: response.model,
      answer: response.text,
      score: scoreOf(index),
      selected: index === selected,
      attemptId: response.attempts[response.attempts.length - 1]?.attemptId ?? "",
    }),
  );
}
