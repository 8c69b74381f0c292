import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { ServiceImpl } from "@connectrpc/connect";
import type { FeedbackRequest, ScoreAnswerRequest, ScoreRequest, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import {
  FeedbackResponseSchema,
  FeedbackSource,
  ModelScoreSchema,
  ScoreAnswerResponseSchema,
  ScoreResponseSchema,
} from "@switchyard/contracts/switchyard/v1/selector_pb";
import { currentRequestContext } from "@switchyard/runtime";
import type { Logger } from "@switchyard/runtime";
import type { AnswerScorer } from "./answer/answer-scorer.js";
import type { FeedbackEvent, FeedbackStore } from "./feedback/feedback-store.js";
import { tenantEstimatesRpc } from "./feedback/tenant-estimates-rpc.js";
import { verifyCodeAnswer } from "./verify/code-verifier.js";
import type { SelectorModel } from "./model/selector-model.js";
import { candidateList, observedQuality, promptText, qualityKind } from "./request-validation.js";

/** What the selector service needs. */
export interface SelectorDeps {
  readonly logger: Logger;
  readonly model: SelectorModel;
  readonly feedback: FeedbackStore;
  readonly answers: AnswerScorer;
  /** Models scored when a request names none (the configuration's models). */
  readonly configuredModels: readonly string[];
  readonly maxPromptChars: number;
}

/** SelectorService over an in-process model and a persistent feedback store. */
export function createSelectorService(deps: SelectorDeps): ServiceImpl<typeof SelectorService> {
  return {
    score: (request) => score(deps, request),
    feedback: (request) => feedback(deps, request),
    scoreAnswer: (request) => scoreAnswer(deps, request),
    tenantEstimates: (request, context) => tenantEstimatesRpc(deps.feedback, request, context),
  };
}

function score(deps: SelectorDeps, request: ScoreRequest) {
  const text = promptText(request.messages, deps.maxPromptChars);
  const candidates = candidateList(request.candidateModels, deps.configuredModels);
  const hints = request.hints;
  const result = deps.model.score(
    text,
    candidates,
    { kind: qualityKind(hints?.qualityKind ?? ""), taskType: hints?.taskType ?? "", expectedOutputTokens: hints?.expectedOutputTokens ?? 0 },
    deps.feedback.forTenant(currentRequestContext()?.tenant),
  );
  return create(ScoreResponseSchema, {
    taskType: result.taskType,
    complexity: result.complexity,
    novelty: result.novelty,
    selectorVersion: deps.model.version,
    scores: result.scores.map((entry) =>
      create(ModelScoreSchema, {
        model: entry.model,
        predictedQuality: entry.predictedQuality,
        confidence: entry.confidence,
        estimatedInputTokens: BigInt(entry.inputTokens),
        estimatedOutputTokens: BigInt(entry.outputTokens),
        estimatedCostNanoUsd: entry.costNanoUsd,
        source: entry.source,
      }),
    ),
  });
}

const sourceNames: Partial<Record<FeedbackSource, FeedbackEvent["source"]>> = {
  [FeedbackSource.CRITIC]: "critic",
  [FeedbackSource.CALLER]: "caller",
  [FeedbackSource.VERIFICATION]: "verification",
  [FeedbackSource.ANSWER_SCORER]: "answer_scorer",
  [FeedbackSource.SHADOW]: "shadow",
};

function feedback(deps: SelectorDeps, request: FeedbackRequest) {
  if (request.model.trim() === "") throw new ConnectError("model: must not be empty", Code.InvalidArgument);
  const quality = observedQuality(request.quality);
  const source = sourceNames[request.source];
  if (!source) throw new ConnectError("source: use FEEDBACK_SOURCE_CRITIC, _CALLER, _VERIFICATION, _ANSWER_SCORER or _SHADOW", Code.InvalidArgument);
  // The tenant the request names, else the one the calling hop vouches for; none: the global scope.
  const tenant = request.tenant !== "" ? request.tenant : (currentRequestContext()?.tenant ?? "");
  let base: number;
  let taskType = request.taskType;
  if (request.messages.length > 0) {
    const text = promptText(request.messages, deps.maxPromptChars);
    const scored = deps.model.score(text, [request.model], request.taskType ? { taskType: request.taskType } : {});
    base = scored.scores[0]?.baseQuality ?? 0.5;
    taskType ||= scored.taskType;
  } else if (request.predictedQuality !== undefined) {
    base = deps.feedback.baseOf(request.model, observedQuality(request.predictedQuality), tenant);
  } else {
    throw new ConnectError("messages or predicted_quality: give the prompt or the prediction the feedback is about", Code.InvalidArgument);
  }
  const key = request.requestId === "" ? "" : `${request.requestId}|${request.model}|${source}`;
  const recorded = deps.feedback.record({ key, model: request.model, base, quality, source, tenant, global: request.global, taskType });
  deps.logger.info(
    { model: request.model, source, tenant, global: request.global, duplicate: recorded.duplicate, observations: recorded.observations },
    "selector feedback",
  );
  return create(FeedbackResponseSchema, { observations: BigInt(recorded.observations), duplicate: recorded.duplicate });
}

async function scoreAnswer(deps: SelectorDeps, request: ScoreAnswerRequest) {
  const text = promptText(request.messages, deps.maxPromptChars);
  if (request.model.trim() === "") throw new ConnectError("model: must not be empty", Code.InvalidArgument);
  if (request.answer.length > deps.maxPromptChars)
    throw new ConnectError(`answer: ${request.answer.length} characters, over the limit of ${deps.maxPromptChars}`, Code.InvalidArgument);
  const kind = qualityKind(request.qualityKind);
  const result = deps.answers.score(text, request.answer, request.model, kind);
  const verification = request.verify ? await verifyCodeAnswer(text, request.answer) : undefined;
  return create(ScoreAnswerResponseSchema, {
    probability: result.probability,
    raw: result.raw,
    trainedModel: result.trainedModel,
    scorerVersion: deps.answers.version,
    ...(verification
      ? { verification: { verdict: verification.verdict, tests: verification.tests, run: verification.run ?? "", detail: verification.detail } }
      : {}),
  });
}
