import { Code } from "@connectrpc/connect";

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
  /** A budget refused the request (RESOURCE_EXHAUSTED). */
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

/** The exit status for a server's error code. */
export function exitCodeOf(code: Code): number {
  return byCode[code] ?? exitCodes.failed;
}
