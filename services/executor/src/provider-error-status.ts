import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import type { ProviderError, ProviderFailureKind } from "@switchyard/provider-spec";
import { reasonDetails } from "@switchyard/runtime";
import type { OutgoingDetail } from "@switchyard/runtime";

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

const reasonByKind: Record<ProviderFailureKind, ErrorReason> = {
  rate_limited: ErrorReason.PROVIDER_RATE_LIMITED,
  unavailable: ErrorReason.PROVIDER_UNAVAILABLE,
  timeout: ErrorReason.PROVIDER_TIMEOUT,
  context_length: ErrorReason.CONTEXT_LENGTH_EXCEEDED,
  auth: ErrorReason.PROVIDER_AUTH,
  bad_request: ErrorReason.PROVIDER_BAD_REQUEST,
  not_found: ErrorReason.PROVIDER_NOT_FOUND,
  cancelled: ErrorReason.PROVIDER_CANCELLED,
  malformed_response: ErrorReason.PROVIDER_MALFORMED_RESPONSE,
};

/** The gRPC code a provider failure is reported with. */
export function codeForProviderError(error: ProviderError): Code {
  return codeByKind[error.kind];
}

/** The contract's reason for a provider failure. */
export function reasonForProviderError(error: ProviderError): ErrorReason {
  return reasonByKind[error.kind];
}

/**
 * The ConnectError a caller sees for a provider failure: the provider's message kept, and its
 * ErrorDetail (reason, retry delay, provider and status), so that the router can tell a
 * context-length failure from other FAILED_PRECONDITIONs and pick a larger model. `extra`
 * details (the call's itemised attempts) are appended.
 */
export function providerErrorToConnectError(error: ProviderError, model: string, extra: readonly OutgoingDetail[] = []): ConnectError {
  const details = reasonDetails({
    reason: reasonForProviderError(error),
    model,
    provider: error.provider,
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.status !== undefined ? { providerStatus: error.status } : {}),
  });
  return new ConnectError(`${error.provider}: ${error.message}`, codeForProviderError(error), undefined, [...details, ...extra], error);
}
