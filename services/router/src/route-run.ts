import { currentRequestContext } from "@switchyard/runtime";
import type { HandlerContext } from "@connectrpc/connect";
import type { Attempt } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CompleteRequest } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CallEstimate } from "@switchyard/pricing";
import type { BudgetHold } from "./budget/budget-gate.js";
import { requireUsableModel } from "./model-access.js";
import type { RouterDeps } from "./router-deps.js";
import { DecisionLog } from "./routing-decision.js";
import type { GrantedCalls, PlannedCall } from "./strategy/strategy-contract.js";

/** The authenticated caller of the current request, or undefined when there is none. */
export function currentCaller(): Caller | undefined {
  const context = currentRequestContext();
  if (!context?.tenant) return undefined;
  return { tenant: context.tenant, apiKeyId: context.apiKeyId, requestId: context.requestId, traceId: context.trace.traceId };
}

/** Who is calling and under which ids; fixed for the life of a request. */
export interface Caller {
  readonly tenant: string;
  readonly apiKeyId: string | undefined;
  readonly requestId: string;
  readonly traceId: string;
}

/**
 * The state of one routed request: the caller, its deadline and cancellation, the reservation,
 * and every provider attempt so far with what it cost. Strategies share it, so budget limits
 * and itemisation hold across every model a strategy calls.
 */
export class RouteRun {
  readonly attempts: Attempt[] = [];
  /** What routing considered and checked, for CompleteResponse.routing_decision. */
  readonly decision = new DecisionLog();
  reservationId = "";
  taskType = "";
  selectorVersion = "";
  /** The selector's estimate of how hard the prompt is (zero when it was not asked). */
  complexity = 0;
  #spentNanoUsd = 0n;
  #hold: BudgetHold | undefined;

  constructor(
    readonly deps: RouterDeps,
    readonly request: CompleteRequest,
    readonly caller: Caller,
    readonly handler: Pick<HandlerContext, "signal" | "timeoutMs">,
    readonly strategyName: string,
  ) {
    // Declared task types are recorded whatever the strategy (pinned, ensemble, critique too).
    this.taskType = request.taskType;
  }

  /** Holds budget for the plan's calls through the deps' budget gate (once per request). */
  async holdBudget(calls: readonly PlannedCall[]): Promise<GrantedCalls> {
    this.#hold = await this.deps.budget.hold(this, calls);
    return this.#hold;
  }

  /** Ends the request's budget hold, if it has one. Never throws. */
  releaseBudget(): Promise<void> {
    return this.#hold?.release() ?? Promise.resolve();
  }

  /** Cost of every billed attempt so far. */
  get spentNanoUsd(): bigint {
    return this.#spentNanoUsd;
  }

  /** Records attempts (from a response or a failure's AttemptTrail) and their cost. */
  record(attempts: readonly Attempt[]): void {
    for (const attempt of attempts) {
      this.attempts.push(attempt);
      if (attempt.billed) this.#spentNanoUsd += attempt.costNanoUsd;
    }
  }

  /**
   * Upper-bound estimate of one call to `model` with this request's messages: input counted with
   * the model's tokenizer, output at max_output_tokens or the routing default, at the price the
   * executor bills. It errs high on purpose: actual cost replaces the reservation.
   */
  estimate(model: string): CallEstimate {
    requireUsableModel(this.deps.access, this.caller.tenant, model, "model");
    const maxOutput = this.request.params?.maxOutputTokens ?? this.deps.routing.defaultMaxOutputTokens;
    return this.deps.pricing.estimate(model, this.request.messages, maxOutput);
  }

  /** False when calling `model` (at `estimate`, default the request's own) could take the request past its max_cost. */
  canAfford(model: string, estimate?: CallEstimate): boolean {
    const cap = this.request.maxCostNanoUsd;
    return cap === undefined || this.#spentNanoUsd + (estimate ?? this.estimate(model)).maxCostNanoUsd <= cap;
  }

  /** Call options for a downstream RPC: the caller's cancellation and what is left of its deadline. */
  callOptions(): { signal: AbortSignal; timeoutMs: number | undefined } {
    return { signal: this.handler.signal, timeoutMs: this.handler.timeoutMs() };
  }
}
