import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorInfoSchema, RetryInfoSchema } from "@switchyard/contracts/google/rpc/error_details_pb";
import type { ProviderError, ProviderFailureKind } from "@switchyard/provider-spec";

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

/** An error detail as ConnectError takes it. */
export type ErrorDetail = NonNullable<ConstructorParameters<typeof ConnectError>[3]>[number];

/** google.rpc.RetryInfo for a delay in milliseconds. */
export function retryInfo(retryAfterMs: number): ErrorDetail {
  const seconds = Math.floor(retryAfterMs / 1_000);
  const nanos = Math.round((retryAfterMs % 1_000) * 1_000_000);
  return { desc: RetryInfoSchema, value: create(RetryInfoSchema, { retryDelay: { seconds: BigInt(seconds), nanos } }) };
}

/** google.rpc.ErrorInfo in Switchyard's domain. */
export function errorInfo(reason: string, metadata: Record<string, string>): ErrorDetail {
  return { desc: ErrorInfoSchema, value: create(ErrorInfoSchema, { reason, domain: errorDomain, metadata }) };
}

/**
 * The ConnectError a caller sees for a provider failure: the provider's message kept, the
 * retry delay as google.rpc.RetryInfo, and a context-length failure marked with ErrorInfo
 * CONTEXT_LENGTH_EXCEEDED so the router can tell it apart from other FAILED_PRECONDITIONs and
 * pick a larger model. `extra` details (the call's itemised attempts) are appended.
 */
export function providerErrorToConnectError(error: ProviderError, extra: readonly ErrorDetail[] = []): ConnectError {
  const details: ErrorDetail[] = [];
  if (error.retryAfterMs !== undefined) details.push(retryInfo(error.retryAfterMs));
  details.push(
    errorInfo(error.kind === "context_length" ? contextLengthReason : error.kind.toUpperCase(), {
      provider: error.provider,
      ...(error.status !== undefined ? { status: String(error.status) } : {}),
    }),
  );
  return new ConnectError(`${error.provider}: ${error.message}`, codeForProviderError(error), undefined, [...details, ...extra], error);
}
