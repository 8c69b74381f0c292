import type { ConnectError } from "@connectrpc/connect";
import type { ChatMessage } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { Strategy } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CallEstimate } from "@switchyard/pricing";
import type { RouteRun } from "../route-run.js";
import type { StrategyResult } from "../strategy-result.js";

/** The strategy cases of the proto's `Strategy.kind` oneof. */
export type StrategyCase = NonNullable<Strategy["kind"]["case"]>;

/** The options message of one strategy case (`PinnedStrategy` for "pinned", ...). */
export type StrategyOptions<K extends StrategyCase> = Extract<Strategy["kind"], { case: K }>["value"];

/** What a planned provider call is for. */
export type CallRole = "answer" | "critic" | "judge" | "synthesizer";

/** One provider call a plan may make, with the most it may cost. */
export interface PlannedCall {
  readonly model: string;
  readonly role: CallRole;
  readonly estimate: CallEstimate;
}

/** A model a stream may be served from, in failover order, with the confidence of choosing it. */
export interface StreamChoice {
  readonly model: string;
  readonly confidence: number;
}

/** The calls the budget granted: a prefix of the plan's calls, and the refusal that cut it. */
export interface GrantedCalls {
  readonly calls: readonly PlannedCall[];
  /** Set when the budget could not hold the whole plan (RESOURCE_EXHAUSTED with its details). */
  readonly refusal?: ConnectError;
}

/**
 * What a strategy will do, decided before any provider is called: every call it may make (the
 * budget holds them all, so an ordering rule applies: every prefix of `calls` is a plan worth
 * running, because a plan that does not fit is cut from its end), how a stream of it is served,
 * and the step that runs it.
 */
export interface StrategyPlan {
  /** The strategy as recorded in responses and cost events ("cascade", "auto/cheapest", ...). */
  readonly label: string;
  readonly calls: readonly PlannedCall[];
  /**
   * Models to stream from in failover order (answer calls of `calls`); undefined when the
   * strategy must see whole answers before choosing, so a stream sends its chosen answer at the end.
   */
  readonly stream?: readonly StreamChoice[];
  /**
   * For plans whose answer is one last call made after the others (a split's combine call):
   * runs every call before it within the grant and returns the last one, so that a stream can
   * stream it. Absent: a stream follows `stream`, or sends the executed answer at the end.
   */
  readonly finalCall?: (granted: GrantedCalls) => Promise<FinalCall>;
  /** Runs the plan within the calls the budget granted. */
  execute(granted: GrantedCalls): Promise<StrategyResult>;
}

/** The last call of a plan with a `finalCall`: its model and messages, and the confidence to report. */
export interface FinalCall {
  readonly model: string;
  readonly confidence: number;
  readonly messages: readonly ChatMessage[];
  readonly estimate: CallEstimate;
}

/** A routing strategy: plans a request (validating its options), and its plan executes. */
export interface RouterStrategy<K extends StrategyCase> {
  /** `options` is undefined when the request names no strategy (only `auto` is asked so). */
  plan(run: RouteRun, options: StrategyOptions<K> | undefined): Promise<StrategyPlan>;
}

/**
 * The registry type: exactly one strategy for every case the proto defines, so a new case in
 * router.proto does not compile until it has a strategy.
 */
export type StrategyRegistry = { readonly [K in StrategyCase]: RouterStrategy<K> };
