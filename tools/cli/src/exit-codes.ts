import { Code } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";

/**
 * What the exit status means, so scripts can branch on it (documented in the README and in
 * `switchyard --help`).
 */
export const exitCodes = {
  ok: 0,
  /** Anything else: an internal error, an unexpected answer. */
  failed: 1,
  /** Bad command line: unknown command or flag, a missing or malformed value. */
  usage: 2,
  /** The router could not be reached, or a service behind it was unavailable or timed out. */
  unreachable: 3,
  /** No valid API key (UNAUTHENTICATED). */
  unauthenticated: 4,
  /** The key is valid but may not do this (PERMISSION_DENIED). */
  denied: 5,
  /** The server refused the request as invalid or naming something unknown (INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION). */
  rejected: 6,
  /** A budget (or the request's max cost) refused the request. */
  budget: 7,
} as const;

const byCode: Partial<Record<Code, number>> = {
  [Code.Unavailable]: exitCodes.unreachable,
  [Code.DeadlineExceeded]: exitCodes.unreachable,
  [Code.Unauthenticated]: exitCodes.unauthenticated,
  [Code.PermissionDenied]: exitCodes.denied,
  [Code.InvalidArgument]: exitCodes.rejected,
  [Code.NotFound]: exitCodes.rejected,
  [Code.FailedPrecondition]: exitCodes.rejected,
  [Code.OutOfRange]: exitCodes.rejected,
  [Code.ResourceExhausted]: exitCodes.budget,
};

/**
 * RESOURCE_EXHAUSTED means a budget or a busy model; the reason tells them apart, so a script
 * retries a rate limit (3, like an unavailable service) and stops on a budget (7).
 */
const byReason: Partial<Record<ErrorReason, number>> = {
  [ErrorReason.BUDGET_EXHAUSTED]: exitCodes.budget,
  [ErrorReason.MAX_COST_EXCEEDED]: exitCodes.budget,
  [ErrorReason.RATE_LIMITED]: exitCodes.unreachable,
  [ErrorReason.QUEUE_FULL]: exitCodes.unreachable,
  [ErrorReason.PROVIDER_RATE_LIMITED]: exitCodes.unreachable,
  [ErrorReason.CIRCUIT_OPEN]: exitCodes.unreachable,
};

/** The exit status for a server's error code and, where it names one, its reason. */
export function exitCodeOf(code: Code, reason: ErrorReason = ErrorReason.UNSPECIFIED): number {
  return byReason[reason] ?? byCode[code] ?? exitCodes.failed;
}
