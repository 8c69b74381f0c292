import { timestampMs } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import type { ConnectError } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { BudgetExceededSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { errorReasonOf, retryAfterMsOf, toConnectError } from "@switchyard/runtime";

/** An HTTP failure, independent of which API's error shape it is written in. */
export interface DoorError {
  readonly status: number;
  readonly code: Code;
  /** Safe to show the caller: the RPC's message, never a stack. */
  readonly message: string;
  /** The request field at fault, where one is known ("messages[0].content"). */
  readonly param?: string;
  /** Seconds, for 429 and 503 when the refusal says when to come back. */
  readonly retryAfterSeconds?: number;
  /** Why, in the contract's words, when the RPC said. */
  readonly reason?: ErrorReason;
}

const statusByCode: Partial<Record<Code, number>> = {
  [Code.InvalidArgument]: 400,
  [Code.OutOfRange]: 400,
  [Code.FailedPrecondition]: 400,
  [Code.Unauthenticated]: 401,
  [Code.PermissionDenied]: 403,
  [Code.NotFound]: 404,
  [Code.AlreadyExists]: 409,
  [Code.Aborted]: 409,
  [Code.ResourceExhausted]: 429,
  [Code.Canceled]: 499,
  [Code.Unimplemented]: 501,
  [Code.Unavailable]: 503,
  [Code.DeadlineExceeded]: 504,
};

/**
 * Where the reason decides the status rather than the code: a context-length failure is the
 * caller's request (400) whatever code a provider gave it, a budget is a quota (429, as OpenAI
 * answers insufficient_quota), and a provider refusing Switchyard's own key is a bad gateway,
 * not the caller's permission (the code, PERMISSION_DENIED, would say 403).
 */
const statusByReason: Partial<Record<ErrorReason, number>> = {
  [ErrorReason.CONTEXT_LENGTH_EXCEEDED]: 400,
  [ErrorReason.BUDGET_EXHAUSTED]: 429,
  [ErrorReason.MAX_COST_EXCEEDED]: 429,
  [ErrorReason.RATE_LIMITED]: 429,
  [ErrorReason.QUEUE_FULL]: 429,
  [ErrorReason.PROVIDER_RATE_LIMITED]: 429,
  [ErrorReason.PROVIDER_AUTH]: 502,
};

/** A request the door refuses before anything is routed (bad JSON, a bad field, too large). */
export function invalidRequest(message: string, param?: string, status = 400): DoorError {
  return { status, code: Code.InvalidArgument, message, ...(param ? { param } : {}) };
}

/** Maps whatever a call threw to an HTTP status, keeping the RPC's message, reason and retry hint. */
export function doorErrorFrom(error: unknown): DoorError {
  const connectError = toConnectError(error);
  const reason = errorReasonOf(connectError);
  const status = statusByReason[reason] ?? statusByCode[connectError.code] ?? 500;
  const message = status === 500 ? "internal error" : connectError.rawMessage;
  const retryAfterSeconds = retryAfter(connectError);
  return {
    status,
    code: connectError.code,
    message,
    ...(reason === ErrorReason.UNSPECIFIED ? {} : { reason }),
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

function retryAfter(error: ConnectError): number | undefined {
  const retryMs = retryAfterMsOf(error);
  if (retryMs !== undefined) return Math.max(1, Math.ceil(retryMs / 1000));
  const [budget] = error.findDetails(BudgetExceededSchema);
  if (budget?.resetsAt) return Math.max(1, Math.ceil((timestampMs(budget.resetsAt) - Date.now()) / 1000));
  if (error.code === Code.Unavailable) return 1;
  return undefined;
}
