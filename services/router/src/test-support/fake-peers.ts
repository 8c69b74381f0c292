import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { AttemptOutcome, AttemptTrailSchema, FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CriticService, CritiqueResponseSchema, CritiqueStatus, JudgeResponseSchema, Verdict } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { ExecutorService, GenerateResponseSchema, StreamGenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { GenerateRequest, GenerateResponse, StreamGenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { BudgetExceededSchema, LedgerService, ReserveResponseSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { ReserveRequest } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { ScoreAnswerResponseSchema, ScoreResponseSchema, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { loadModelPricing } from "@switchyard/pricing";
import { createLogger, parseSwitchyardConfig, reasonDetails, routingConfigSchema } from "@switchyard/runtime";
import type { ModelConfig } from "@switchyard/runtime";
import { ledgerReservations } from "../budget/ledger-reservations.js";
import type { RouterDeps } from "../router-deps.js";

/** How a fake model answers: text, a thrown error, or a function of the request. */
export type FakeBehaviour = string | ConnectError | ((request: GenerateRequest) => string | ConnectError);

/** In-memory stand-ins for the router's four peers, recording what they were asked. */
export interface FakePeers {
  readonly deps: RouterDeps;
  readonly generated: GenerateRequest[];
  readonly reserved: ReserveRequest[];
  readonly released: string[];
  readonly behaviour: Map<string, FakeBehaviour>;
  /** Per-model selector prediction: [predicted quality, selector confidence]. */
  readonly predictions: Map<string, [number, number]>;
  /** The answer scorer's P(good) for each model's answers; a model not here: the scorer is unavailable. */
  readonly answerProbability: Map<string, number>;
  /** Models whose stream breaks after this many deltas. */
  readonly cutAfter: Map<string, number>;
  /** Remaining budget the fake ledger grants (undefined: unlimited). */
  budgetRemaining: bigint | undefined;
  /** Errors the fake ledger's next Reserve calls fail with, one per call. */
  readonly reserveFailures: ConnectError[];
  /** Errors the fake ledger's next Release calls fail with, one per call. */
  readonly releaseFailures: ConnectError[];
  critiqueScore: number | ConnectError;
  judgeBest: number;
}

/** The fake models: prices in USD per million tokens (input = output) and windows. */
const fakeConfig = parseSwitchyardConfig(
  `
providers: { fake: { kind: openai, baseUrl: "http://127.0.0.1:1/v1", simulated: true } }
models:
  tiny: { provider: fake, contextWindow: 4096, tier: small, price: { inputPerMillion: "0.10", outputPerMillion: "0.10" } }
  small: { provider: fake, contextWindow: 8192, tier: small, price: { inputPerMillion: "0.50", outputPerMillion: "0.50" } }
  medium: { provider: fake, contextWindow: 32768, tier: medium, price: { inputPerMillion: "2", outputPerMillion: "2" } }
  large: { provider: fake, contextWindow: 131072, tier: large, price: { inputPerMillion: "10", outputPerMillion: "10" } }
`,
  {},
);
export const fakeModels: Record<string, ModelConfig> = fakeConfig.models;

/** Cost the fake executor bills per call to each model. */
export const fakeCallCost: Record<string, bigint> = { tiny: 10n, small: 50n, medium: 200n, large: 1_000n };

export function contextLengthError(): ConnectError {
  return new ConnectError("simulated: prompt too long", Code.FailedPrecondition, undefined, reasonDetails({ reason: ErrorReason.CONTEXT_LENGTH_EXCEEDED }));
}

/** Builds the fakes and RouterDeps wired to them. */
export async function createFakePeers(): Promise<FakePeers> {
  const pricing = await loadModelPricing(fakeConfig);
  const state = {
    generated: [] as GenerateRequest[],
    reserved: [] as ReserveRequest[],
    released: [] as string[],
    behaviour: new Map<string, FakeBehaviour>(),
    predictions: new Map<string, [number, number]>(),
    answerProbability: new Map<string, number>(),
    cutAfter: new Map<string, number>(),
    budgetRemaining: undefined as bigint | undefined,
    reserveFailures: [] as ConnectError[],
    releaseFailures: [] as ConnectError[],
    critiqueScore: 0.8 as number | ConnectError,
    judgeBest: 0,
  };
  const transport = createRouterTransport(({ service }) => {
    service(ExecutorService, {
      generate: (request) => generate(state, request),
      streamGenerate: (request) => streamGenerate(state, request),
      listModels: () => ({}),
    });
    service(SelectorService, {
      score: (request) =>
        create(ScoreResponseSchema, {
          taskType: "chat",
          selectorVersion: "fake-1",
          scores: request.candidateModels.map((name) => {
            const [predictedQuality, confidence] = state.predictions.get(name) ?? [0.5, 0.5];
            return { model: name, predictedQuality, confidence };
          }),
        }),
      feedback: () => ({}),
      scoreAnswer(request) {
        const probability = state.answerProbability.get(request.model);
        if (probability === undefined) throw new ConnectError("no answer scorer", Code.Unimplemented);
        return create(ScoreAnswerResponseSchema, { probability, raw: probability, trainedModel: true, scorerVersion: "fake-answers-1" });
      },
    });
    service(CriticService, {
      critique(request) {
        if (state.critiqueScore instanceof ConnectError) throw state.critiqueScore;
        const score = state.critiqueScore;
        return create(CritiqueResponseSchema, {
          critiques: request.critics.map((critic) => ({
            criticModel: critic,
            status: CritiqueStatus.OK,
            score,
            verdict: Verdict.ACCEPT,
            confidence: 1,
            attempts: [{ attemptId: `critique-${critic}`, model: critic, costNanoUsd: 5n, billed: true }],
          })),
          aggregateScore: score,
          consensus: 1,
          succeeded: request.critics.length,
        });
      },
      judge: (request) =>
        create(JudgeResponseSchema, {
          bestIndex: state.judgeBest,
          ranking: request.candidates.map((candidate, index) => ({
            index,
            model: candidate.model,
            score: index === state.judgeBest ? 0.9 : 0.4,
            rank: index === state.judgeBest ? 1 : 2,
          })),
          judgeModel: request.judges[0] ?? "",
          attempts: [{ attemptId: "judge-1", model: request.judges[0] ?? "", costNanoUsd: 7n, billed: true }],
          costNanoUsd: 7n,
        }),
    });
    service(LedgerService, {
      reserve(request) {
        state.reserved.push(request);
        const failure = state.reserveFailures.shift();
        if (failure) throw failure;
        if (state.budgetRemaining !== undefined && request.estimatedMaxCostNanoUsd > state.budgetRemaining) {
          throw new ConnectError("budget acme exhausted", Code.ResourceExhausted, undefined, [
            ...reasonDetails({ reason: ErrorReason.BUDGET_EXHAUSTED, budgetId: "acme" }),
            {
              desc: BudgetExceededSchema,
              value: create(BudgetExceededSchema, {
                budgetId: "acme",
                remainingNanoUsd: state.budgetRemaining,
                requestedNanoUsd: request.estimatedMaxCostNanoUsd,
              }),
            },
          ]);
        }
        return create(ReserveResponseSchema, { reservationId: `res-${request.requestId}`, reservedNanoUsd: request.estimatedMaxCostNanoUsd });
      },
      release(request) {
        const failure = state.releaseFailures.shift();
        if (failure) throw failure;
        state.released.push(request.reservationId);
        return { released: true };
      },
      getBudget: () => ({}),
      setBudget: () => ({}),
      report: () => ({}),
      exportEvents: async function* () {},
      watchAlerts: async function* () {},
    });
  });
  const deps: RouterDeps = {
    executor: createClient(ExecutorService, transport),
    selector: createClient(SelectorService, transport),
    critic: createClient(CriticService, transport),
    ledger: createClient(LedgerService, transport),
    budget: ledgerReservations,
    access: {
      models: fakeModels,
      tenants: { acme: { apiKeys: [], admin: false }, limited: { apiKeys: [], allowedModels: ["tiny", "small"], admin: false } },
      providers: { fake: { simulated: true } },
    },
    pricing,
    routing: routingConfigSchema.parse({ defaultMinQuality: 0.7 }),
    maxPromptChars: 10_000,
    logger: createLogger({ service: "router-test", level: "silent" }),
  };
  return Object.assign(state, { deps });
}

function generate(state: { generated: GenerateRequest[]; behaviour: Map<string, FakeBehaviour> }, request: GenerateRequest): GenerateResponse {
  state.generated.push(request);
  const behaviour = state.behaviour.get(request.model) ?? `answer from ${request.model}`;
  const result = typeof behaviour === "function" ? behaviour(request) : behaviour;
  const attemptId = `${request.model}-${state.generated.length}`;
  if (result instanceof ConnectError) {
    const failed = new ConnectError(result.rawMessage, result.code, undefined, [...result.details.flatMap((detail) => ("desc" in detail ? [detail] : []))]);
    failed.details.push({
      desc: AttemptTrailSchema,
      value: create(AttemptTrailSchema, {
        attempts: [{ attemptId, model: request.model, outcome: AttemptOutcome.FAILED, errorCode: "unavailable", billed: false }],
      }),
    });
    throw failed;
  }
  const cost = fakeCallCost[request.model] ?? 1n;
  return create(GenerateResponseSchema, {
    text: result,
    model: request.model,
    provider: "fake",
    finishReason: FinishReason.STOP,
    costNanoUsd: cost,
    usage: { inputTokens: 3n, outputTokens: 4n, totalTokens: 7n },
    attempts: [
      {
        attemptId,
        model: request.model,
        outcome: AttemptOutcome.SUCCEEDED,
        costNanoUsd: cost,
        billed: true,
        usage: { inputTokens: 3n, outputTokens: 4n, totalTokens: 7n },
      },
    ],
  });
}

async function* streamGenerate(
  state: { generated: GenerateRequest[]; behaviour: Map<string, FakeBehaviour>; cutAfter: Map<string, number> },
  request: GenerateRequest,
): AsyncGenerator<StreamGenerateResponse> {
  const response = generate(state, request);
  const words = response.text.split(/(?= )/);
  const cut = state.cutAfter.get(request.model);
  for (const [index, word] of words.entries()) {
    if (cut !== undefined && index >= cut) {
      const error = new ConnectError("simulated: stream cut", Code.Unavailable);
      error.details.push({
        desc: AttemptTrailSchema,
        value: create(AttemptTrailSchema, { attempts: [{ ...response.attempts[0]!, outcome: AttemptOutcome.FAILED, errorCode: "unavailable" }] }),
      });
      throw error;
    }
    yield create(StreamGenerateResponseSchema, { event: { case: "delta", value: { text: word } } });
  }
  yield create(StreamGenerateResponseSchema, { event: { case: "completed", value: response } });
}
