import { timestampMs } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import type { ConnectError } from "@connectrpc/connect";
import { RetryInfoSchema } from "@switchyard/contracts/google/rpc/error_details_pb";
import { BudgetExceededSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { toConnectError } from "@switchyard/runtime";

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

/** A request the door refuses before anything is routed (bad JSON, a bad field, too large). */
export function invalidRequest(message: string, param?: string, status = 400): DoorError {
  return { status, code: Code.InvalidArgument, message, ...(param ? { param } : {}) };
}

/** Maps whatever a call threw to an HTTP status, keeping the RPC's message and its retry hint. */
export function doorErrorFrom(error: unknown): DoorError {
  const connectError = toConnectError(error);
  const status = statusByCode[connectError.code] ?? 500;
  const message = status === 500 ? "internal error" : connectError.rawMessage;
  const retryAfterSeconds = retryAfter(connectError);
  return { status, code: connectError.code, message, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
}

function retryAfter(error: ConnectError): number | undefined {
  const [retry] = error.findDetails(RetryInfoSchema);
  if (retry?.retryDelay) return Math.max(1, Math.ceil(Number(retry.retryDelay.seconds) + retry.retryDelay.nanos / 1e9));
  const [budget] = error.findDetails(BudgetExceededSchema);
  if (budget?.resetsAt) return Math.max(1, Math.ceil((timestampMs(budget.resetsAt) - Date.now()) / 1000));
  if (error.code === Code.Unavailable) return 1;
  return undefined;
}
