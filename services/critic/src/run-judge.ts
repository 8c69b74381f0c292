import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { CritiqueStatus, JudgeMode, JudgeResponseSchema } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { JudgeRequest, JudgeResponse } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { currentRequestContext } from "@switchyard/runtime";
import { attemptContextFor } from "./attempt-context.js";
import type { CallBudget } from "./call-budget.js";
import { startBudget } from "./call-budget.js";
import type { CriticDeps } from "./critic-deps.js";
import type { CriticMetrics } from "./critic-metrics.js";
import type { JudgeKind } from "./judge-prompt.js";
import { judgeMessages, judgeReplyKeys } from "./judge-prompt.js";
import type { JudgeReply } from "./judge-reply.js";
import { judgeReplyParser } from "./judge-reply.js";
import type { ModelCallOutcome } from "./model-call.js";
import { callForReply } from "./model-call.js";
import { checkCandidates, checkInputs, checkModels } from "./request-checks.js";

/** A judge that was asked and gave no valid verdict. */
interface FailedJudge {
  readonly judge: string;
  readonly outcome: Exclude<ModelCallOutcome<JudgeReply>, { status: "ok" }>;
}

const fallbackStatus = {
  failed: CritiqueStatus.FAILED,
  timed_out: CritiqueStatus.TIMED_OUT,
  malformed: CritiqueStatus.MALFORMED,
  cancelled: CritiqueStatus.FAILED,
} as const;

/**
 * CriticService.Judge: asks the judges in order, under one shared deadline, until one gives a
 * valid verdict (a malformed reply is retried once with the same judge first). A single
 * candidate needs no judge. When no judge decides, the call fails: DEADLINE_EXCEEDED if the
 * deadline passed, otherwise UNAVAILABLE, with every judge's failure in the message.
 */
export async function runJudge(deps: CriticDeps, metrics: CriticMetrics, request: JudgeRequest, context: HandlerContext): Promise<JudgeResponse> {
  checkInputs(
    request.messages,
    request.candidates.map((candidate) => candidate.answer),
    deps.limits.maxPromptChars,
  );
  checkCandidates(request.candidates.length, deps.limits.maxCandidates);
  checkModels("judges", request.judges, deps.catalog, deps.limits.maxCritics, currentRequestContext()?.tenant);
  const kind = judgeKindOf(request.mode);
  if (request.candidates.length === 1) {
    return create(JudgeResponseSchema, {
      bestIndex: 0,
      ranking: [{ index: 0, model: request.candidates[0]?.model ?? "", score: 0, rank: 1 }],
      rationale: "only one candidate: nothing to judge",
    });
  }
  const budget = startBudget(context, deps.limits);
  try {
    const failures: FailedJudge[] = [];
    for (const judge of request.judges) {
      if (budget.expired()) break;
      const outcome = await askJudge(deps, request, kind, judge, budget);
      if (outcome.status === "cancelled") throw new ConnectError("judging cancelled by the caller", Code.Canceled);
      if (outcome.status === "ok") {
        metrics.judgements.inc({ outcome: "decided", fallback: failures.length > 0 ? "yes" : "no" });
        return decided(request, judge, outcome, failures);
      }
      failures.push({ judge, outcome });
    }
    metrics.judgements.inc({ outcome: "failed", fallback: failures.length > 1 ? "yes" : "no" });
    throw noVerdict(request.judges, failures, budget);
  } finally {
    budget.dispose();
  }
}

function judgeKindOf(mode: JudgeMode): JudgeKind {
  if (mode === JudgeMode.UNSPECIFIED || mode === JudgeMode.PICK) return "pick";
  if (mode === JudgeMode.RANK) return "rank";
  throw new ConnectError(`mode: unknown judge mode ${String(mode)}; use JUDGE_MODE_PICK or JUDGE_MODE_RANK`, Code.InvalidArgument);
}

function askJudge(deps: CriticDeps, request: JudgeRequest, kind: JudgeKind, judge: string, budget: CallBudget): Promise<ModelCallOutcome<JudgeReply>> {
  const answers = request.candidates.map((candidate) => candidate.answer);
  return callForReply(
    deps.executor,
    {
      model: judge,
      messages: judgeMessages(request.messages, answers, kind),
      parse: judgeReplyParser(kind, answers.length),
      replyKeys: judgeReplyKeys[kind],
      context: attemptContextFor(request.context, "judge", "judge"),
      maxOutputTokens: deps.limits.maxOutputTokens,
    },
    budget,
  );
}

function decided(
  request: JudgeRequest,
  judge: string,
  outcome: Extract<ModelCallOutcome<JudgeReply>, { status: "ok" }>,
  failures: readonly FailedJudge[],
): JudgeResponse {
  const ranking = outcome.value.order.map((candidate, position) => ({
    index: candidate.index,
    model: request.candidates[candidate.index]?.model ?? "",
    score: candidate.score ?? 0,
    rank: position + 1,
  }));
  const calls = [...failures.map((failure) => failure.outcome), outcome];
  return create(JudgeResponseSchema, {
    bestIndex: ranking[0]?.index ?? 0,
    ranking,
    rationale: outcome.value.rationale,
    judgeModel: judge,
    attempts: calls.flatMap((call) => [...call.attempts]),
    costNanoUsd: calls.reduce((sum, call) => sum + call.costNanoUsd, 0n),
    fallbacks: failures.map((failure) => ({ judgeModel: failure.judge, status: fallbackStatus[failure.outcome.status], errorMessage: failure.outcome.error })),
  });
}

function noVerdict(judges: readonly string[], failures: readonly FailedJudge[], budget: CallBudget): ConnectError {
  const tried = failures.map((failure) => `${failure.judge}: ${failure.outcome.status} (${failure.outcome.error})`);
  const untried = judges.slice(failures.length);
  const notAsked = untried.length > 0 ? `; not asked before the deadline: ${untried.join(", ")}` : "";
  if (budget.expired())
    return new ConnectError(`no judge decided before the deadline: ${tried.join("; ") || "none was asked"}${notAsked}`, Code.DeadlineExceeded);
  return new ConnectError(`no judge gave a valid verdict: ${tried.join("; ")}`, Code.Unavailable);
}
