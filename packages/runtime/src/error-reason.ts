import { create } from "@bufbuild/protobuf";
import type { ConnectError } from "@connectrpc/connect";
import { ErrorInfoSchema, RetryInfoSchema } from "@switchyard/contracts/google/rpc/error_details_pb";
import type { ErrorInfo } from "@switchyard/contracts/google/rpc/error_details_pb";
import { ErrorDetailSchema, ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import type { ErrorDetail } from "@switchyard/contracts/switchyard/v1/error_detail_pb";

/** An error detail as the ConnectError constructor (and `error.details`) takes it. */
export type OutgoingDetail = NonNullable<ConstructorParameters<typeof ConnectError>[3]>[number];

/** What a producer says about a failure; everything but the reason is optional. */
export interface ReasonInit {
  readonly reason: ErrorReason;
  readonly retryAfterMs?: number;
  readonly model?: string;
  readonly provider?: string;
  readonly providerStatus?: number;
  readonly check?: string;
  readonly budgetId?: string;
}

/** Domain of the deprecated google.rpc.ErrorInfo details. */
export const legacyErrorDomain = "switchyard.dev";

/**
 * The ErrorInfo.reason strings used before ErrorDetail existed, still sent so that older
 * readers keep working (deprecated: new code reads ErrorDetail). Reasons that never had one
 * (budget, max cost, outbox) send none.
 */
const legacyReasons: Partial<Record<ErrorReason, string>> = {
  [ErrorReason.CONTEXT_LENGTH_EXCEEDED]: "CONTEXT_LENGTH_EXCEEDED",
  [ErrorReason.CIRCUIT_OPEN]: "CIRCUIT_OPEN",
  [ErrorReason.RATE_LIMITED]: "RATE_LIMITED",
  [ErrorReason.QUEUE_FULL]: "QUEUE_FULL",
  [ErrorReason.ANSWER_CHECK_FAILED]: "ANSWER_CHECK_FAILED",
  [ErrorReason.PROVIDER_RATE_LIMITED]: "RATE_LIMITED",
  [ErrorReason.PROVIDER_UNAVAILABLE]: "UNAVAILABLE",
  [ErrorReason.PROVIDER_TIMEOUT]: "TIMEOUT",
  [ErrorReason.PROVIDER_AUTH]: "AUTH",
  [ErrorReason.PROVIDER_BAD_REQUEST]: "BAD_REQUEST",
  [ErrorReason.PROVIDER_NOT_FOUND]: "NOT_FOUND",
  [ErrorReason.PROVIDER_MALFORMED_RESPONSE]: "MALFORMED_RESPONSE",
  [ErrorReason.PROVIDER_CANCELLED]: "CANCELLED",
};

/** Old string back to the reason; an ambiguous string ("RATE_LIMITED") reads as Switchyard's own. */
const reasonsByLegacy = new Map<string, ErrorReason>(
  Object.entries(legacyReasons)
    .reverse()
    .map(([reason, legacy]) => [legacy, Number(reason) as ErrorReason]),
);

/**
 * The details that say why a call failed: the ErrorDetail, RetryInfo when a retry delay is
 * known (for generic gRPC clients), and the deprecated ErrorInfo for reasons that had one.
 * Every producer of a reason (executor, ledger, router) attaches these.
 */
export function reasonDetails(init: ReasonInit): OutgoingDetail[] {
  const detail = create(ErrorDetailSchema, {
    reason: init.reason,
    retryAfterMs: BigInt(Math.max(0, Math.ceil(init.retryAfterMs ?? 0))),
    model: init.model ?? "",
    provider: init.provider ?? "",
    providerStatus: init.providerStatus ?? 0,
    check: init.check ?? "",
    budgetId: init.budgetId ?? "",
  });
  const details: OutgoingDetail[] = [{ desc: ErrorDetailSchema, value: detail }];
  if (init.retryAfterMs !== undefined) details.push(retryInfo(init.retryAfterMs));
  const legacy = legacyReasons[init.reason];
  if (legacy !== undefined)
    details.push({ desc: ErrorInfoSchema, value: create(ErrorInfoSchema, { reason: legacy, domain: legacyErrorDomain, metadata: legacyMetadata(detail) }) });
  return details;
}

/**
 * Why `error` failed: its ErrorDetail, else one read from a deprecated ErrorInfo (an older
 * peer's), else undefined.
 */
export function errorDetailOf(error: ConnectError): ErrorDetail | undefined {
  const [detail] = error.findDetails(ErrorDetailSchema);
  if (detail) return detail;
  const legacy = error.findDetails(ErrorInfoSchema).find((info) => info.domain === legacyErrorDomain && reasonsByLegacy.has(info.reason));
  return legacy ? fromLegacy(legacy) : undefined;
}

/** The reason of `error`; UNSPECIFIED when it names none. */
export function errorReasonOf(error: ConnectError): ErrorReason {
  return errorDetailOf(error)?.reason ?? ErrorReason.UNSPECIFIED;
}

/** The reason in snake case ("context_length_exceeded"), as messages and HTTP bodies spell it. */
export function errorReasonName(reason: ErrorReason): string {
  return (ErrorReason[reason] ?? "UNSPECIFIED").toLowerCase();
}

/** How long `error` says to wait before retrying, in milliseconds; undefined without a hint. */
export function retryAfterMsOf(error: ConnectError): number | undefined {
  const detail = errorDetailOf(error);
  if (detail && detail.retryAfterMs > 0n) return Number(detail.retryAfterMs);
  const [retry] = error.findDetails(RetryInfoSchema);
  if (!retry?.retryDelay) return undefined;
  return Number(retry.retryDelay.seconds) * 1_000 + retry.retryDelay.nanos / 1e6;
}

function retryInfo(retryAfterMs: number): OutgoingDetail {
  const seconds = Math.floor(retryAfterMs / 1_000);
  const nanos = Math.round((retryAfterMs % 1_000) * 1_000_000);
  return { desc: RetryInfoSchema, value: create(RetryInfoSchema, { retryDelay: { seconds: BigInt(seconds), nanos } }) };
}

function legacyMetadata(detail: ErrorDetail): Record<string, string> {
  const entries: [string, string][] = [
    ["model", detail.model],
    ["provider", detail.provider],
    ["status", detail.providerStatus ? String(detail.providerStatus) : ""],
    ["check", detail.check],
  ];
  return Object.fromEntries(entries.filter(([, value]) => value !== ""));
}

function fromLegacy(info: ErrorInfo): ErrorDetail {
  return create(ErrorDetailSchema, {
    reason: reasonsByLegacy.get(info.reason),
    model: info.metadata["model"] ?? "",
    provider: info.metadata["provider"] ?? "",
    providerStatus: Number(info.metadata["status"] ?? 0) || 0,
    check: info.metadata["check"] ?? "",
  });
}
