import { fromBinary } from "@bufbuild/protobuf";
import { DeliverPolicy, jetstream } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { BudgetAlertSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { BudgetAlert } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { alertStreamName, alertSubject, alertSubjects } from "@switchyard/runtime";

/** Which stored alerts to read. */
export interface AlertQuery {
  /** One tenant, or every tenant for undefined. */
  readonly tenant: string | undefined;
  /** Alerts stored at or after this time (epoch ms). */
  readonly sinceMs: number;
  readonly limit: number;
}

/**
 * Reads stored alerts from the ALERTS stream (30 days of them) with an ordered consumer that
 * starts at `sinceMs`: no server-side state is left behind. It reads what is pending when it
 * starts, so a catch-up never waits for alerts yet to come.
 */
export async function listStoredAlerts(connection: NatsConnection, query: AlertQuery): Promise<BudgetAlert[]> {
  const consumer = await jetstream(connection).consumers.get(alertStreamName, {
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: new Date(query.sinceMs).toISOString(),
    // One subject as a string: a list needs nats-server 2.10, and one subject is all this reads.
    filter_subjects: query.tenant === undefined ? alertSubjects : alertSubject(query.tenant),
  });
  try {
    const pending = (await consumer.info(true)).num_pending;
    const wanted = Math.min(pending, query.limit);
    const alerts: BudgetAlert[] = [];
    if (wanted === 0) return alerts;
    for await (const message of await consumer.fetch({ max_messages: wanted, expires: 5_000 })) {
      alerts.push(fromBinary(BudgetAlertSchema, message.data));
      if (alerts.length >= wanted) break;
    }
    return alerts;
  } finally {
    await consumer.delete().catch(() => false);
  }
}
