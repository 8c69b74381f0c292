import { timestampDate } from "@bufbuild/protobuf/wkt";
import { AttemptOutcome } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";

/** Columns of the cost-event CSV (ledger:export, AccountService.ExportCsv), one row per event; money in nano-USD, exact. */
export const csvColumns = [
  "occurred_at",
  "event_id",
  "request_id",
  "tenant",
  "api_key_id",
  "project",
  "model",
  "provider",
  "provider_model",
  "strategy",
  "task_type",
  "outcome",
  "error_code",
  "billed",
  "cost_nano_usd",
  "input_tokens",
  "cached_input_tokens",
  "output_tokens",
  "total_tokens",
  "latency_ms",
  "reservation_id",
  "attempt_number",
  "simulated",
] as const;

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One event as a CSV line (without the line break). */
export function eventToCsv(event: CostEvent): string {
  const usage = event.usage;
  const values: Record<(typeof csvColumns)[number], string> = {
    occurred_at: event.occurredAt ? timestampDate(event.occurredAt).toISOString() : "",
    event_id: event.eventId,
    request_id: event.requestId,
    tenant: event.tenant,
    api_key_id: event.apiKeyId,
    project: event.tags["project"] ?? "",
    model: event.model,
    provider: event.provider,
    provider_model: event.providerModel,
    strategy: event.strategy,
    task_type: event.taskType,
    outcome: (AttemptOutcome[event.outcome] ?? String(event.outcome)).toLowerCase(),
    error_code: event.errorCode,
    billed: String(event.billed),
    cost_nano_usd: event.costNanoUsd.toString(),
    input_tokens: String(usage?.inputTokens ?? 0n),
    cached_input_tokens: String(usage?.cachedInputTokens ?? 0n),
    output_tokens: String(usage?.outputTokens ?? 0n),
    total_tokens: String(usage?.totalTokens ?? 0n),
    latency_ms: String(Math.round(event.latencyMs)),
    reservation_id: event.reservationId,
    attempt_number: String(event.attemptNumber),
    simulated: String(event.simulated),
  };
  return csvColumns.map((column) => csvField(values[column])).join(",");
}
