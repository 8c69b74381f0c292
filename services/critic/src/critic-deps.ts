import type { ExecutorGenerateClient, Logger } from "@switchyard/runtime";
import type { BudgetSettings } from "./call-budget.js";
import type { ModelCatalog } from "./request-checks.js";
import type { FeedbackSink } from "./selector-feedback.js";

/** Limits of one Critique or Judge request. */
export interface CriticLimits extends BudgetSettings {
  readonly maxCritics: number;
  readonly maxCandidates: number;
  /** Output token cap of each critique or judgment. */
  readonly maxOutputTokens: number;
  /** The conversation plus the answer or candidates, in characters. */
  readonly maxPromptChars: number;
}

/** What the critic service needs; main.ts wires real clients, tests in-memory ones. */
export interface CriticDeps {
  readonly executor: ExecutorGenerateClient;
  readonly feedback: FeedbackSink;
  readonly catalog: ModelCatalog;
  readonly limits: CriticLimits;
  readonly logger: Logger;
}
