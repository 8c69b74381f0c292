import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { jetstream, jetstreamManager, JetStreamApiError, RetentionPolicy, StorageType } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { BudgetAlertSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { BudgetAlert } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { alertStreamName, alertSubject, alertSubjects } from "@switchyard/runtime";

const streamNameInUse = 10058;
const dayNanos = 24 * 3_600 * 1_000_000_000;

/**
 * Creates the ALERTS stream (file storage, 30 days): it gives alerts a dedupe window, so an
 * alert published by both replicas, or again after a conflict, reaches subscribers once.
 */
export async function ensureAlertStream(connection: NatsConnection, replicas: number): Promise<void> {
  const manager = await jetstreamManager(connection);
  const config = {
    name: alertStreamName,
    subjects: [alertSubjects],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: replicas,
    max_age: 30 * dayNanos,
    duplicate_window: 10 * 60 * 1_000_000_000,
  };
  try {
    await manager.streams.add(config);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === streamNameInUse)) throw error;
    await manager.streams.update(alertStreamName, config);
  }
}

/** Publishes alerts on switchyard.alert.v1.<tenant> with Nats-Msg-Id = alert id. */
export function createAlertPublisher(connection: NatsConnection): (alerts: readonly BudgetAlert[]) => Promise<void> {
  const client = jetstream(connection);
  return async (alerts) => {
    await Promise.all(alerts.map((alert) => client.publish(alertSubject(alert.tenant), toBinary(BudgetAlertSchema, alert), { msgID: alert.alertId })));
  };
}

/**
 * Live alerts of one tenant (or of all, for `undefined`) until `signal` aborts. A plain
 * subscription: JetStream delivers each stored alert to core subscribers once.
 */
export async function* watchAlerts(connection: NatsConnection, tenant: string | undefined, signal: AbortSignal): AsyncGenerator<BudgetAlert> {
  const subscription = connection.subscribe(tenant === undefined ? alertSubjects : alertSubject(tenant));
  await connection.flush();
  const stop = (): void => subscription.unsubscribe();
  signal.addEventListener("abort", stop, { once: true });
  try {
    for await (const message of subscription) yield fromBinary(BudgetAlertSchema, message.data);
  } finally {
    signal.removeEventListener("abort", stop);
    subscription.unsubscribe();
  }
}
