import { setTimeout as sleep } from "node:timers/promises";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { NatsLink } from "@switchyard/runtime";
import { publishEvent } from "./ledger-harness.js";

/**
 * Publishes like an executor with an outbox: retries an event until JetStream acknowledges it,
 * with the same Nats-Msg-Id, so a retry after a lost acknowledgement is a duplicate the ledger
 * must not count.
 */
export async function publishUntilStored(link: NatsLink, event: CostEvent, deadlineMs = 60_000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    try {
      await publishEvent(link, event);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}
