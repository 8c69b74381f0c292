import { fromBinary } from "@bufbuild/protobuf";
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import type { JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { BudgetAlertSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { alertStreamName } from "@switchyard/runtime";
import type { Logger } from "@switchyard/runtime";
import type { LedgerMetrics } from "../ledger-metrics.js";
import type { DeadLetterLog } from "./dead-letter-log.js";
import type { WebhookBackoff } from "./webhook-backoff.js";
import { webhookRetryDelayMs } from "./webhook-backoff.js";
import type { WebhookDirectory } from "./webhook-directory.js";
import { postWebhook } from "./webhook-post.js";

/** The durable consumer every ledger replica shares: each alert goes to one of them at a time. */
export const webhookConsumerName = "alert-webhooks";

/** Delivery policy of alert webhooks (ledger environment: WEBHOOK_*). */
export interface WebhookPolicy {
  /** Attempts before an alert goes to the dead-letter log. */
  readonly maxAttempts: number;
  readonly backoff: WebhookBackoff;
  /** Per POST. */
  readonly timeoutMs: number;
  /** POSTs in flight at once, over all tenants. */
  readonly maxInFlight: number;
}

/** What the dispatcher works with. */
export interface WebhookDispatcherOptions {
  readonly connection: NatsConnection;
  readonly directory: WebhookDirectory;
  readonly deadLetters: DeadLetterLog;
  readonly policy: WebhookPolicy;
  readonly metrics: LedgerMetrics;
  readonly logger: Logger;
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => number;
}

/** A running dispatcher. */
export interface WebhookDispatcher {
  /** Stops taking alerts and waits for the POSTs in flight; unacknowledged alerts stay in the stream. */
  stop(): Promise<void>;
}

/**
 * Delivers budget alerts to their tenant's webhook from a durable JetStream consumer on the
 * ALERTS stream, so the state of every delivery lives in JetStream and survives a restart:
 * an alert is acknowledged only once its webhook answered 2xx or it is in the dead-letter log;
 * a failed attempt is a NAK with the backoff delay (JetStream redelivers it then, to any
 * replica), and its attempt number is JetStream's delivery count. A crash after the receiver
 * answered but before the ack repeats that delivery with the same idempotency key.
 */
export async function startWebhookDispatcher(options: WebhookDispatcherOptions): Promise<WebhookDispatcher> {
  await ensureWebhookConsumer(options.connection, options.policy);
  const consumer = await jetstream(options.connection).consumers.get(alertStreamName, webhookConsumerName);
  const messages = await consumer.consume({ expires: 3_000, max_messages: options.policy.maxInFlight });
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  const loop = (async () => {
    for await (const message of messages) {
      // Pulled while stopping: hand it straight back rather than leave it to the ack wait.
      if (stopping) {
        message.nak();
        continue;
      }
      const work: Promise<void> = handleAlert(message, options)
        .catch((error: unknown) => {
          options.logger.error({ err: error, seq: message.seq }, "webhook delivery failed unexpectedly; JetStream will redeliver it");
          message.nak(options.policy.backoff.minMs);
        })
        .finally(() => inFlight.delete(work));
      inFlight.add(work);
      if (inFlight.size >= options.policy.maxInFlight) await Promise.race(inFlight);
    }
  })();
  return {
    async stop() {
      stopping = true;
      await messages.close();
      await loop;
      await Promise.all(inFlight);
    },
  };
}

/**
 * Creates the durable consumer on first start: from new alerts on (a webhook is not sent the
 * last 30 days of alerts), acknowledged explicitly, redelivered after ack_wait if a replica dies
 * holding one. Later starts keep its position.
 */
async function ensureWebhookConsumer(connection: NatsConnection, policy: WebhookPolicy): Promise<void> {
  const manager = await jetstreamManager(connection);
  const ackWait = Math.max(30_000, policy.timeoutMs * 3) * 1_000_000;
  try {
    await manager.consumers.info(alertStreamName, webhookConsumerName);
    await manager.consumers.update(alertStreamName, webhookConsumerName, { ack_wait: ackWait, max_ack_pending: policy.maxInFlight * 4 });
  } catch {
    await manager.consumers.add(alertStreamName, {
      durable_name: webhookConsumerName,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.New,
      ack_wait: ackWait,
      max_deliver: -1,
      max_ack_pending: policy.maxInFlight * 4,
    });
  }
}

async function handleAlert(message: JsMsg, options: WebhookDispatcherOptions): Promise<void> {
  const alert = fromBinary(BudgetAlertSchema, message.data);
  const target = await options.directory.resolve(alert.tenant);
  if (!target) {
    await message.ackAck();
    return;
  }
  const attempt = message.info.deliveryCount;
  const now = options.now ?? Date.now;
  const result = await postWebhook(target, alert, attempt, { fetch: options.fetch ?? fetch, timeoutMs: options.policy.timeoutMs, nowMs: now() });
  if (result.ok) {
    options.metrics.webhook("delivered");
    await message.ackAck();
    return;
  }
  if (result.retryable && attempt < options.policy.maxAttempts) {
    options.metrics.webhook("retrying");
    options.logger.warn({ tenant: alert.tenant, alertId: alert.alertId, attempt, error: result.error }, "webhook delivery failed; retrying");
    message.nak(webhookRetryDelayMs(attempt, options.policy.backoff));
    return;
  }
  await options.deadLetters.append({ alert, url: target.url, attempts: attempt, lastError: result.error, failedAtMs: now() });
  options.metrics.webhook("dead_lettered");
  options.logger.error(
    { tenant: alert.tenant, alertId: alert.alertId, attempts: attempt, error: result.error },
    "webhook delivery given up; alert in the dead-letter log",
  );
  await message.ackAck();
}
