import type { ConnectError } from "@connectrpc/connect";
import { runBounded } from "@switchyard/runtime";
import { checkedCall } from "../checks/checked-call.js";
import { callModel } from "../model-call.js";
import type { RouteRun } from "../route-run.js";
import { runFailure } from "../run-failure.js";
import type { StrategyResult } from "../strategy-result.js";
import { resultOf } from "../strategy-result.js";
import { answerCall } from "../strategy/planned-calls.js";
import type { FinalCall, GrantedCalls, StrategyPlan } from "../strategy/strategy-contract.js";
import { checkPlanWindows } from "./context-window.js";
import type { SplitLayout } from "./split-layout.js";
import { splitLimit } from "./split-limits.js";
import { splitLayout } from "./split-layout.js";
import type { SplitModel } from "./split-model.js";
import { splitModel } from "./split-model.js";
import { reduceMessages } from "./split-prompts.js";
import type { SplitRequest } from "./split-request.js";

/**
 * The plan of a split request (map-reduce over a long input): one answer call per chunk, then
 * one combine call, all to the model the request's strategy picks, every one in `calls` at its
 * worst case so the budget holds the whole split before anything is called. A prefix of the
 * chunk calls answers nothing, so a budget that cannot hold every call refuses the request
 * (RESOURCE_EXHAUSTED) instead of running part of it. A stream answers the chunks, then streams
 * the combine call (`finalCall`). An input that fits one chunk is answered (and streamed) by one
 * ordinary call.
 */
export async function planSplit(run: RouteRun, asked: SplitRequest): Promise<StrategyPlan> {
  const choice = await splitModel(run);
  const layout = splitLayout(run, choice.model, asked);
  run.decision.split(layout.maps.length, layout.chunkTokens, layout.overlapTokens);
  if (layout.maps.length === 1) return directPlan(run, choice);
  return {
    label: choice.label,
    calls: [...layout.maps.map((map) => map.call), layout.reduce],
    finalCall: (granted) => combineCall(run, layout, choice, granted),
    execute: (granted) => mapReduce(run, layout, choice, granted),
  };
}

function directPlan(run: RouteRun, choice: SplitModel): StrategyPlan {
  const calls = [answerCall(run, choice.model)];
  checkPlanWindows(run, calls, true);
  return {
    label: choice.label,
    calls,
    stream: [{ model: choice.model, confidence: choice.confidence }],
    async execute() {
      const outcome = await checkedCall(run, choice.model);
      if (!outcome.ok) throw runFailure(run, outcome.error);
      return resultOf(outcome.response, choice.label, choice.confidence);
    },
  };
}

async function mapReduce(run: RouteRun, layout: SplitLayout, choice: SplitModel, granted: GrantedCalls): Promise<StrategyResult> {
  const combine = await combineCall(run, layout, choice, granted);
  const outcome = await callModel(run, combine.model, { messages: combine.messages, estimate: combine.estimate });
  if (!outcome.ok) throw runFailure(run, outcome.error);
  return resultOf(outcome.response, choice.label, choice.confidence);
}

/** Answers every chunk within the grant and returns the combine call over their answers. */
async function combineCall(run: RouteRun, layout: SplitLayout, choice: SplitModel, granted: GrantedCalls): Promise<FinalCall> {
  const limit = splitLimit(run, layout, granted);
  if (limit) {
    run.decision.stop("budget");
    throw runFailure(run, limit);
  }
  const answers = await answerChunks(run, layout);
  const messages = reduceMessages(run.request.messages, layout.document, answers);
  return { model: layout.model, confidence: choice.confidence, messages, estimate: layout.reduce.estimate };
}

/** Every chunk's answer in chunk order, a few at a time; the first failure stops the rest and fails the request. */
async function answerChunks(run: RouteRun, layout: SplitLayout): Promise<string[]> {
  const answers = new Array<string>(layout.maps.length);
  let failure: ConnectError | undefined;
  const answerOne = async (index: number): Promise<void> => {
    const map = layout.maps[index]!;
    const outcome = await callModel(run, layout.model, { messages: map.messages, maxOutputTokens: layout.mapOutputTokens, estimate: map.call.estimate });
    if (outcome.ok) answers[index] = outcome.response.text;
    else failure ??= outcome.error;
  };
  await runBounded(layout.maps.length, run.deps.routing.batchConcurrency, answerOne, () => failure !== undefined);
  if (failure) throw runFailure(run, failure);
  return answers;
}
