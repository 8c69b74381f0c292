import { create } from "@bufbuild/protobuf";
import { Code } from "@connectrpc/connect";
import type { ConnectError } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { AttemptOutcome, AttemptSchema, AttemptTrailSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
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

/**
 * The attempts to itemise for a failed call of `model`: those its error details carry, or, when
 * it carries none (the executor was never reached), one unbilled attempt saying how it failed.
 */
export function attemptsOfFailure(error: ConnectError, model: string): Attempt[] {
  const trail = failedAttempts(error);
  if (trail.length > 0) return trail;
  return [
    create(AttemptSchema, {
      model,
      outcome: error.code === Code.Canceled ? AttemptOutcome.CANCELLED : AttemptOutcome.FAILED,
      errorCode: codeToString(error.code),
      errorMessage: error.rawMessage,
      billed: false,
    }),
  ];
}
