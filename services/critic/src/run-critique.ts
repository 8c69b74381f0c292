import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { CritiqueResponseSchema, CritiqueSchema, CritiqueStatus, Verdict } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { Critique, CritiqueRequest, CritiqueResponse } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { FeedbackSource } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { currentRequestContext, mapBounded } from "@switchyard/runtime";
import { aggregateCritiques } from "./aggregate.js";
import type { CallBudget } from "./call-budget.js";
import { startBudget } from "./call-budget.js";
import { attemptContextFor } from "./attempt-context.js";
import type { CriticDeps } from "./critic-deps.js";
import type { CriticMetrics } from "./critic-metrics.js";
import { critiqueMessages } from "./critique-prompt.js";
import type { CritiqueReply } from "./critique-reply.js";
import { critiqueReplyKeys, parseCritiqueReply } from "./critique-reply.js";
import type { ModelCallOutcome } from "./model-call.js";
import { callForReply } from "./model-call.js";
import { checkAnswer, checkInputs, checkModels } from "./request-checks.js";

const statusOf = { ok: CritiqueStatus.OK, failed: CritiqueStatus.FAILED, timed_out: CritiqueStatus.TIMED_OUT, malformed: CritiqueStatus.MALFORMED } as const;

/**
 * CriticService.Critique: the answer goes to every critic model, at most `max_concurrency` at
 * a time, all under one deadline (the caller's, less a margin to answer in time). Critics that
 * fail, time out or reply with something that is not a critique are reported as such, and the
 * valid critiques are aggregated. The aggregate score goes to the selector as feedback for the
 * answer's model, without waiting for it.
 */
export async function runCritique(deps: CriticDeps, metrics: CriticMetrics, request: CritiqueRequest, context: HandlerContext): Promise<CritiqueResponse> {
  checkInputs(request.messages, [request.answer], deps.limits.maxPromptChars);
  checkAnswer(request.answer);
  checkModels("critics", request.critics, deps.catalog, deps.limits.maxCritics, currentRequestContext()?.tenant);
  const budget = startBudget(context, deps.limits);
  try {
    const messages = critiqueMessages(request.messages, request.answer, request.answerModel);
    const attemptContext = attemptContextFor(request.context, "critique", "critic");
    const outcomes = await mapBounded(request.critics, request.maxConcurrency, (critic) =>
      callForReply(
        deps.executor,
        {
          model: critic,
          messages,
          parse: parseCritiqueReply,
          replyKeys: critiqueReplyKeys,
          context: attemptContext,
          maxOutputTokens: deps.limits.maxOutputTokens,
        },
        budget,
      ),
    );
    if (budget.callerGone()) throw new ConnectError("critique cancelled by the caller", Code.Canceled);
    const critiques = outcomes.map((outcome, index) => toCritique(request.critics[index] ?? "", outcome));
    critiques.forEach((critique, index) => metrics.critiques.inc({ critic_model: critique.criticModel, status: outcomes[index]?.status ?? "failed" }));
    const response = summarise(critiques);
    sendFeedback(deps, metrics, request, response);
    logSummary(deps, request, response, budget);
    return response;
  } finally {
    budget.dispose();
  }
}

function toCritique(criticModel: string, outcome: ModelCallOutcome<CritiqueReply>): Critique {
  const common = { criticModel, attempts: [...outcome.attempts], costNanoUsd: outcome.costNanoUsd, latencyMs: outcome.latencyMs };
  if (outcome.status === "ok") {
    return create(CritiqueSchema, { ...common, status: CritiqueStatus.OK, ...outcome.value, issues: [...outcome.value.issues] });
  }
  const status = outcome.status === "cancelled" ? CritiqueStatus.FAILED : statusOf[outcome.status];
  return create(CritiqueSchema, { ...common, status, verdict: Verdict.UNSPECIFIED, errorMessage: outcome.error });
}

function summarise(critiques: readonly Critique[]): CritiqueResponse {
  const valid = critiques.filter((critique) => critique.status === CritiqueStatus.OK);
  const { aggregateScore, consensus } = aggregateCritiques(valid);
  return create(CritiqueResponseSchema, {
    critiques: [...critiques],
    aggregateScore,
    consensus,
    totalCostNanoUsd: critiques.reduce((sum, critique) => sum + critique.costNanoUsd, 0n),
    succeeded: valid.length,
    failed: critiques.length - valid.length,
  });
}

/** The aggregate, as one observation of the answer's quality, when there is one to send. */
function sendFeedback(deps: CriticDeps, metrics: CriticMetrics, request: CritiqueRequest, response: CritiqueResponse): void {
  if (response.succeeded === 0 || !request.answerModel) return;
  const context = currentRequestContext();
  const feedback = {
    requestId: context?.requestId ?? "",
    // The tenant whose request was critiqued: the selector keeps routing state per tenant.
    tenant: context?.tenant ?? "",
    model: request.answerModel,
    messages: request.messages,
    quality: response.aggregateScore,
    source: FeedbackSource.CRITIC,
  };
  void deps.feedback.record(feedback).then((outcome) => metrics.feedback.inc({ outcome }));
}

function logSummary(deps: CriticDeps, request: CritiqueRequest, response: CritiqueResponse, budget: CallBudget): void {
  deps.logger.debug(
    {
      answerModel: request.answerModel,
      critics: request.critics.length,
      succeeded: response.succeeded,
      failed: response.failed,
      aggregateScore: response.aggregateScore,
      consensus: response.consensus,
      deadlineExpired: budget.expired(),
    },
    "critique done",
  );
}
