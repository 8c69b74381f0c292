import { createGenaiPriceCatalog, resolveModelPrice } from "@switchyard/pricing";
import type { ModelPrice } from "@switchyard/pricing";
import type { NatsConnection } from "@nats-io/transport-node";
import { createKeyDirectory, ensureCostStream } from "@switchyard/runtime";
import type { Logger, ResolvedSwitchyardConfig } from "@switchyard/runtime";
import type { Registry } from "prom-client";
import { AccountBook } from "./accounts/account-book.js";
import { openAccountStore } from "./accounts/account-store.js";
import { settle } from "./accounts/settlement-rules.js";
import { listStoredAlerts } from "./alerts/alert-history.js";
import { createAlertPublisher, ensureAlertStream, watchAlerts } from "./alerts/alert-publisher.js";
import { seedConfiguredBudgets } from "./budgets/budget-seeding.js";
import { createLedgerMetrics, noLedgerMetrics } from "./ledger-metrics.js";
import { SpendIndex } from "./reports/spend-index.js";
import type { LedgerDeps, ReservationTtl } from "./rpc/ledger-deps.js";
import { startCostConsumer } from "./settlement/cost-consumer.js";
import type { CostConsumer } from "./settlement/cost-consumer.js";
import { openDeadLetterLog } from "./webhooks/dead-letter-log.js";
import type { WebhookPolicy } from "./webhooks/webhook-dispatcher.js";
import { startWebhookDispatcher } from "./webhooks/webhook-dispatcher.js";
import { openWebhookDirectory } from "./webhooks/webhook-directory.js";
import type { WebhookTarget } from "./webhooks/webhook-target.js";

/** What one ledger replica needs besides its NATS connection. */
export interface LedgerNodeOptions {
  readonly connection: NatsConnection;
  readonly config: Pick<ResolvedSwitchyardConfig, "tenants" | "devTenant" | "budgets" | "models" | "providers" | "baselineModel" | "ledger">;
  readonly logger: Logger;
  readonly replicas: number;
  readonly reservationTtl: ReservationTtl;
  readonly meshToken: string | undefined;
  /** The clock (epoch ms); tests inject one to cross period boundaries and TTLs. */
  readonly now?: () => number;
  /** Where the ledger's own metrics go (the service's Prometheus registry). */
  readonly registry?: Registry;
  /** Alert webhooks: the configuration file's (secrets resolved) and the delivery policy. */
  readonly webhooks?: LedgerWebhookOptions;
}

/** Alert webhook settings of a ledger replica. */
export interface LedgerWebhookOptions {
  readonly configured: ReadonlyMap<string, WebhookTarget>;
  readonly policy: WebhookPolicy;
  /** Tests inject one; production uses the global fetch. */
  readonly fetch?: typeof globalThis.fetch;
}

/** 8 attempts over about 4 minutes (1 s doubling, jittered, capped at 2 min), 5 s per POST. */
export const defaultWebhookPolicy: WebhookPolicy = { maxAttempts: 8, backoff: { minMs: 1_000, maxMs: 120_000 }, timeoutMs: 5_000, maxInFlight: 16 };

/** A running ledger replica: its RPC dependencies, its consumer, and how to stop both. */
export interface LedgerNode {
  readonly deps: LedgerDeps;
  readonly book: AccountBook;
  readonly consumer: CostConsumer;
  stop(): Promise<void>;
}

/**
 * Starts one ledger replica: streams and bucket ensured, configured budgets seeded, the COSTS
 * stream replayed into the report index and settled into tenant accounts. Any number of
 * replicas may run against one NATS: they share the accounts through revision-checked writes.
 */
export async function startLedgerNode(options: LedgerNodeOptions): Promise<LedgerNode> {
  const { connection, config, logger } = options;
  await ensureCostStream(connection, { replicas: options.replicas, duplicateWindowMs: 10 * 60_000 });
  await ensureAlertStream(connection, options.replicas);
  const store = await openAccountStore(connection, options.replicas);
  const directory = createKeyDirectory(config.tenants, config.devTenant);
  const book = new AccountBook({
    store,
    now: options.now ?? Date.now,
    defaultZone: config.ledger.timeZone,
    publishAlerts: createAlertPublisher(connection),
    logger,
  });
  await seedConfiguredBudgets(book, config.budgets, directory, logger);
  const index = new SpendIndex();
  let settledThrough = (): number => 0;
  const metrics = options.registry
    ? createLedgerMetrics(options.registry, { conflicts: () => book.conflicts, settledThrough: () => settledThrough() })
    : noLedgerMetrics;
  const consumer = await startCostConsumer({
    connection,
    index,
    logger,
    settle: async (event, seq) => {
      await book.change(event.tenant, (account, clock, alerts) => void alerts.push(...settle(account, event, seq, clock)), true);
      metrics.settled();
    },
  });
  settledThrough = () => consumer.settledThrough();
  const webhookOptions: LedgerWebhookOptions = options.webhooks ?? { configured: new Map(), policy: defaultWebhookPolicy };
  const webhooks = await openWebhookDirectory(connection, options.replicas, webhookOptions.configured);
  const deadLetters = await openDeadLetterLog(connection, options.replicas);
  const dispatcher = await startWebhookDispatcher({
    connection,
    directory: webhooks,
    deadLetters,
    policy: webhookOptions.policy,
    metrics,
    logger,
    ...(webhookOptions.fetch ? { fetch: webhookOptions.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const deps: LedgerDeps = {
    book,
    index,
    directory,
    models: config.models,
    priceOf: createPriceLookup(config),
    baselineModel: config.baselineModel,
    timeZone: config.ledger.timeZone,
    reservationTtl: options.reservationTtl,
    meshToken: options.meshToken,
    ledgerMetrics: metrics,
    watchAlerts: (tenant, signal) => watchAlerts(connection, tenant, signal),
    listAlerts: (query) => listStoredAlerts(connection, query),
    webhooks,
    deadLetters,
  };
  return {
    deps,
    book,
    consumer,
    async stop() {
      await dispatcher.stop();
      book.stop();
      await consumer.stop();
    },
  };
}

/** Prices models on demand from the catalog and config; an unpriced model gives undefined. */
function createPriceLookup(config: Pick<ResolvedSwitchyardConfig, "models" | "providers">): (model: string) => ModelPrice | undefined {
  const resolution = { catalog: createGenaiPriceCatalog(), at: new Date() };
  return (model) => {
    const settings = config.models[model];
    const provider = settings ? config.providers[settings.provider] : undefined;
    if (!settings || !provider) return undefined;
    try {
      return resolveModelPrice(model, settings, provider, resolution);
    } catch {
      return undefined;
    }
  };
}
