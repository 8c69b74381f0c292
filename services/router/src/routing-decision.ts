import { create } from "@bufbuild/protobuf";
import type { Attempt } from "@switchyard/contracts/switchyard/v1/common_pb";
import {
  AnswerCheckSchema,
  CandidateAssessmentSchema,
  RoutingDecisionSchema,
  SplitDecisionSchema,
} from "@switchyard/contracts/switchyard/v1/routing_decision_pb";
import type { AnswerCheck, RoutingDecision, SplitDecision } from "@switchyard/contracts/switchyard/v1/routing_decision_pb";

/** One candidate as the router saw it before calling anything. */
export interface Considered {
  readonly model: string;
  readonly predictedQuality: number;
  readonly confidence: number;
  readonly expectedCostNanoUsd: bigint;
  readonly source: string;
}

/**
 * What a request's routing considered, checked and why it stopped, gathered while strategies
 * run and returned as CompleteResponse.routing_decision. The baseline is the candidate
 * predicted best (the best single model the decision is measured against) at its expected cost.
 */
export class DecisionLog {
  readonly #candidates = new Map<string, Considered>();
  readonly #checks: AnswerCheck[] = [];
  #stopReason = "";
  #split: SplitDecision | undefined;

  /** Records scored candidates (a later score of the same model replaces the earlier one). */
  consider(candidates: readonly Considered[]): void {
    for (const candidate of candidates) this.#candidates.set(candidate.model, candidate);
  }

  /** Records one check of one answer (never prompt text in `detail`). */
  check(model: string, kind: string, score: number, passed: boolean, detail = ""): void {
    this.#checks.push(create(AnswerCheckSchema, { model, kind, score: clampUnit(score), passed, detail }));
  }

  /** Why the router stopped; the first reason set wins (inner strategies decide, wrappers keep it). */
  stop(reason: string): void {
    if (this.#stopReason === "") this.#stopReason = reason;
  }

  /** Records how a split request was cut (map-reduce over a long input). */
  split(chunks: number, chunkTokens: number, overlapTokens: number): void {
    this.#split = create(SplitDecisionSchema, { chunks, chunkTokens, overlapTokens });
  }

  get checks(): readonly AnswerCheck[] {
    return this.#checks;
  }

  /** The decision as returned: candidates cheapest first, which were called, and the baseline. */
  build(attempts: readonly Attempt[], chosenModel: string): RoutingDecision {
    const called = new Set(attempts.map((attempt) => attempt.model));
    const candidates = [...this.#candidates.values()].sort((a, b) =>
      a.expectedCostNanoUsd < b.expectedCostNanoUsd ? -1 : a.expectedCostNanoUsd > b.expectedCostNanoUsd ? 1 : 0,
    );
    const baseline = candidates.reduce<Considered | undefined>(
      (best, candidate) => (!best || candidate.predictedQuality > best.predictedQuality ? candidate : best),
      undefined,
    );
    return create(RoutingDecisionSchema, {
      candidates: candidates.map((candidate) =>
        create(CandidateAssessmentSchema, {
          model: candidate.model,
          predictedQuality: candidate.predictedQuality,
          confidence: candidate.confidence,
          expectedCostNanoUsd: candidate.expectedCostNanoUsd,
          source: candidate.source,
          called: called.has(candidate.model),
        }),
      ),
      baselineModel: baseline?.model ?? chosenModel,
      baselineCostNanoUsd: baseline?.expectedCostNanoUsd ?? 0n,
      checks: [...this.#checks],
      stopReason: this.#stopReason || (candidates.length <= 1 ? "only_candidate" : "accepted"),
      chosenModel,
      ...(this.#split ? { split: this.#split } : {}),
    });
  }
}

function clampUnit(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}
