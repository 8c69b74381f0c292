import type { ConnectError } from "@connectrpc/connect";
import { AttemptTrailSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { Attempt } from "@switchyard/contracts/switchyard/v1/common_pb";
import { GenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";

/**
 * The provider attempts a failed call made, from its error details: the executor attaches the
 * call's GenerateResponse (every attempt, billed ones with their cost), the router an
 * AttemptTrail. Empty when the error carries neither (the call never reached a provider).
 */
export function failedAttempts(error: ConnectError): Attempt[] {
  const fromExecutor = error.findDetails(GenerateResponseSchema).flatMap((response) => response.attempts);
  if (fromExecutor.length > 0) return fromExecutor;
  return error.findDetails(AttemptTrailSchema).flatMap((trail) => trail.attempts);
}
