import { Code, ConnectError } from "@connectrpc/connect";
import type { RouteRun } from "../route-run.js";
import type { PlannedCall } from "../strategy/strategy-contract.js";

/** How a call's input compares with its model's context window. */
export interface WindowFit {
  readonly model: string;
  readonly inputTokens: number;
  readonly contextWindow: number;
  readonly fits: boolean;
}

/**
 * Whether the estimated input (plus the output the request reserves, when it sets one) fits
 * the model's configured window. The estimate uses the model's own tokenizer.
 */
export function windowFit(run: RouteRun, model: string, inputTokens: number): WindowFit {
  const contextWindow = run.deps.access.models[model]?.contextWindow ?? Number.MAX_SAFE_INTEGER;
  const reservedOutput = run.request.params?.maxOutputTokens ?? 0;
  return { model, inputTokens, contextWindow, fits: inputTokens + reservedOutput <= contextWindow };
}

/** The refusal naming the sizes: FAILED_PRECONDITION, before any provider is called. */
export function windowRefusal(fits: readonly WindowFit[]): ConnectError {
  const sizes = fits.map((fit) => `${fit.model} has a ${fit.contextWindow}-token window`).join(", ");
  const input = Math.max(...fits.map((fit) => fit.inputTokens));
  return new ConnectError(
    `messages: the input is about ${input} tokens and does not fit: ${sizes} (set split to answer it in chunks)`,
    Code.FailedPrecondition,
  );
}

/**
 * Checks a plan's answer calls against their windows before anything is called. Strategies
 * that name their models (pinned, ensemble, critique) are refused when any named model is too
 * small; the others (whose candidates already skip models that are too small) only when none fits.
 */
export function checkPlanWindows(run: RouteRun, calls: readonly PlannedCall[], strict: boolean): void {
  const answers = calls.filter((call) => call.role === "answer").map((call) => windowFit(run, call.model, call.estimate.inputTokens));
  const tooSmall = answers.filter((fit) => !fit.fits);
  if (tooSmall.length === 0) return;
  if (strict || tooSmall.length === answers.length) throw windowRefusal(tooSmall);
}
