import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { DeliverPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import type { BudgetAlert } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { WebhookDeadLetterSchema } from "@switchyard/contracts/switchyard/v1/webhook_pb";
import type { WebhookDeadLetter } from "@switchyard/contracts/switchyard/v1/webhook_pb";
import { addOrUpdateStream, webhookDeadLetterStreamName, webhookDeadLetterSubject, webhookDeadLetterSubjects } from "@switchyard/runtime";

const dayNanos = 24 * 3_600 * 1_000_000_000;

/** A delivery given up: what goes into the dead-letter log. */
export interface GivenUpDelivery {
  readonly alert: BudgetAlert;
  readonly url: string;
  readonly attempts: number;
  readonly lastError: string;
  readonly failedAtMs: number;
}

/** The dead-letter log: alerts whose webhook never answered 2xx, in JetStream (30 days). */
export interface DeadLetterLog {
  /** Stores it once per alert (Nats-Msg-Id = alert id), so a redelivery race adds no second entry. */
  append(delivery: GivenUpDelivery): Promise<void>;
  /** Oldest first; one tenant's or (undefined) every tenant's. */
  list(tenant: string | undefined, limit: number): Promise<WebhookDeadLetter[]>;
}

/** Creates (or updates) the stream and returns the log over it. */
export async function openDeadLetterLog(connection: NatsConnection, replicas: number): Promise<DeadLetterLog> {
  await addOrUpdateStream(await jetstreamManager(connection), {
    name: webhookDeadLetterStreamName,
    subjects: [webhookDeadLetterSubjects],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: replicas,
    max_age: 30 * dayNanos,
    duplicate_window: 10 * 60 * 1_000_000_000,
  });
  const client = jetstream(connection);
  return {
    async append(delivery) {
      const entry = create(WebhookDeadLetterSchema, {
        alert: delivery.alert,
        url: delivery.url,
        attempts: delivery.attempts,
        lastError: delivery.lastError,
        failedAt: timestampFromMs(delivery.failedAtMs),
      });
      await client.publish(webhookDeadLetterSubject(delivery.alert.tenant), toBinary(WebhookDeadLetterSchema, entry), {
        msgID: `dead-${delivery.alert.alertId}`,
      });
    },
    list: (tenant, limit) => readDeadLetters(connection, tenant, limit),
  };
}

/** Reads what is stored now with an ordered consumer (no server-side state left behind). */
async function readDeadLetters(connection: NatsConnection, tenant: string | undefined, limit: number): Promise<WebhookDeadLetter[]> {
  const consumer = await jetstream(connection).consumers.get(webhookDeadLetterStreamName, {
    deliver_policy: DeliverPolicy.All,
    filter_subjects: tenant === undefined ? webhookDeadLetterSubjects : webhookDeadLetterSubject(tenant),
  });
  try {
    const wanted = Math.min((await consumer.info(true)).num_pending, limit);
    const entries: WebhookDeadLetter[] = [];
    if (wanted === 0) return entries;
    for await (const message of await consumer.fetch({ max_messages: wanted, expires: 5_000 })) {
      entries.push(fromBinary(WebhookDeadLetterSchema, message.data));
      if (entries.length >= wanted) break;
    }
    return entries;
  } finally {
    await consumer.delete().catch(() => false);
  }
}
