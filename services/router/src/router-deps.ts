import type { Client } from "@connectrpc/connect";
import type { CriticService } from "@switchyard/contracts/switchyard/v1/critic_pb";
import type { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import type { ModelPricing } from "@switchyard/pricing";
import type { Logger, RoutingConfig } from "@switchyard/runtime";
import type { BudgetGate } from "./budget/budget-gate.js";
import type { ResponseCache } from "./cache/response-cache.js";
import type { ModelLoad } from "./load/model-load.js";
import type { ModelAccess } from "./model-access.js";
import type { RecordPublisher } from "./records/record-publisher.js";

/** What the router's strategies need; main.ts wires real clients, tests in-memory ones. */
export interface RouterDeps {
  readonly executor: Client<typeof ExecutorService>;
  readonly selector: Client<typeof SelectorService>;
  readonly critic: Client<typeof CriticService>;
  readonly ledger: Client<typeof LedgerService>;
  /** Holds each request's plan against the budgets before any provider is called. */
  readonly budget: BudgetGate;
  readonly access: ModelAccess;
  /** The same prices and tokenizers the executor bills with, for reservations and max_cost. */
  readonly pricing: ModelPricing;
  readonly routing: RoutingConfig;
  readonly maxPromptChars: number;
  readonly logger: Logger;
  /** The response cache (JetStream KV); absent: no request is served from or stored in it. */
  readonly cache?: ResponseCache | undefined;
  /** Each model's calls in flight and queued at the executor, refreshed in the background (absent: all read idle). */
  readonly load?: ModelLoad | undefined;
  /** Draws the weighted spreading among equivalent models (default Math.random; tests fix it). */
  readonly random?: (() => number) | undefined;
  /** Where decision records and shadow observations go (JetStream); absent: nowhere. */
  readonly publishRecord?: RecordPublisher | undefined;
}
