import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";

/** Spend and usage of one (tenant, model) pair. */
export interface SpendLine {
  readonly tenant: string;
  readonly model: string;
  costNanoUsd: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  totalTokens: bigint;
  attempts: bigint;
  errors: bigint;
  readonly requestIds: Set<string>;
}

/**
 * Spend per tenant and model, built from cost events. Applying an event whose id was already
 * applied changes nothing, so redelivery and duplicate publishes cannot count twice.
 */
export class SpendBook {
  readonly #applied = new Set<string>();
  readonly #lines = new Map<string, SpendLine>();

  /** Applies an event once; returns false for a duplicate. */
  apply(event: CostEvent): boolean {
    if (this.#applied.has(event.eventId)) return false;
    this.#applied.add(event.eventId);
    const line = this.#line(event.tenant, event.model);
    if (event.billed) line.costNanoUsd += event.costNanoUsd;
    line.inputTokens += event.usage?.inputTokens ?? 0n;
    line.outputTokens += event.usage?.outputTokens ?? 0n;
    line.totalTokens += event.usage?.totalTokens ?? 0n;
    line.attempts += 1n;
    if (event.outcome !== AttemptOutcome.SUCCEEDED) line.errors += 1n;
    if (event.requestId) line.requestIds.add(event.requestId);
    return true;
  }

  /** Lines of one tenant, or of all tenants when `tenant` is undefined. */
  lines(tenant: string | undefined): SpendLine[] {
    return [...this.#lines.values()].filter((line) => tenant === undefined || line.tenant === tenant);
  }

  #line(tenant: string, model: string): SpendLine {
    const key = `${tenant}\u0000${model}`;
    let line = this.#lines.get(key);
    if (!line) {
      line = { tenant, model, costNanoUsd: 0n, inputTokens: 0n, outputTokens: 0n, totalTokens: 0n, attempts: 0n, errors: 0n, requestIds: new Set() };
      this.#lines.set(key, line);
    }
    return line;
  }
}
