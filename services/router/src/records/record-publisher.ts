import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { Logger } from "@switchyard/runtime";

/**
 * Puts a router-made record (a decision record, a shadow's quality observation) on the tenant's
 * cost subject, with Nats-Msg-Id = its event id, as the executor publishes attempts.
 */
export type RecordPublisher = (event: CostEvent) => Promise<void>;

/**
 * Publishes behind the response: the caller never waits for it and a failure is only logged
 * (the record explains spend; it is not spend, so losing one loses no money).
 */
export function publishBehind(publish: RecordPublisher | undefined, event: CostEvent, logger: Logger): void {
  if (!publish) return;
  publish(event).catch((error: unknown) => {
    logger.warn({ err: error, requestId: event.requestId, eventId: event.eventId }, "router record not published");
  });
}
