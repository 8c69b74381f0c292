import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorInfoSchema, RetryInfoSchema } from "@switchyard/contracts/google/rpc/error_details_pb";
import type { ProviderError, ProviderFailureKind } from "./providers/provider-error.js";

/** ErrorInfo.reason of a context-length failure, which the router escalates on. */
export const contextLengthReason = "CONTEXT_LENGTH_EXCEEDED";

/** ErrorInfo.domain of Switchyard's structured error details. */
export const errorDomain = "switchyard.dev";

const codeByKind: Record<ProviderFailureKind, Code> = {
  rate_limited: Code.ResourceExhausted,
  unavailable: Code.Unavailable,
  timeout: Code.DeadlineExceeded,
  context_length: Code.FailedPrecondition,
  auth: Code.PermissionDenied,
  bad_request: Code.InvalidArgument,
  not_found: Code.NotFound,
  cancelled: Code.Canceled,
  malformed_response: Code.Unavailable,
};

/** The gRPC code a provider failure is reported with. */
export function codeForProviderError(error: ProviderError): Code {
  return codeByKind[error.kind];
}

/**
 * The ConnectError a caller sees for a provider failure: the provider's message kept, the
 * retry delay as google.rpc.RetryInfo, and a context-length failure marked with ErrorInfo so
 * the router can tell it apart from other FAILED_PRECONDITIONs and pick a larger model.
 */
export function providerErrorToConnectError(error: ProviderError): ConnectError {
  const details = [];
  if (error.retryAfterMs !== undefined) {
    const seconds = Math.floor(error.retryAfterMs / 1_000);
    const nanos = Math.round((error.retryAfterMs % 1_000) * 1_000_000);
    details.push({ desc: RetryInfoSchema, value: create(RetryInfoSchema, { retryDelay: { seconds: BigInt(seconds), nanos } }) });
  }
  details.push({
    desc: ErrorInfoSchema,
    value: create(ErrorInfoSchema, {
      reason: error.kind === "context_length" ? contextLengthReason : error.kind.toUpperCase(),
      domain: errorDomain,
      metadata: { provider: error.provider, ...(error.status !== undefined ? { status: String(error.status) } : {}) },
    }),
  });
  return new ConnectError(`${error.provider}: ${error.message}`, codeForProviderError(error), undefined, details, error);
}
