import type { MessageInitShape } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import type { CallOptions, Client } from "@connectrpc/connect";
import type { Attempt } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { ExecutorService, GenerateRequestSchema, GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { attemptsOfFailure } from "./failed-attempts.js";

/** The executor RPC a caller of `callExecutor` needs (a peer client, or a fake in tests). */
export type ExecutorGenerateClient = Pick<Client<typeof ExecutorService>, "generate">;

/**
 * How one executor call ended. Either way `attempts` is what to itemise and `costNanoUsd` what
 * the provider billed for them: a failed call's attempts come from its error details.
 */
export type ExecutorCallOutcome = {
  readonly attempts: readonly Attempt[];
  readonly costNanoUsd: bigint;
} & ({ readonly ok: true; readonly response: GenerateResponse } | { readonly ok: false; readonly error: ConnectError });

/**
 * One `ExecutorService.Generate` call as the router and the critic make it: the failure is
 * returned as a ConnectError, never thrown, with every attempt it made (billed ones too), so
 * that no caller can forget to itemise or bill a failed call.
 */
export async function callExecutor(
  executor: ExecutorGenerateClient,
  request: MessageInitShape<typeof GenerateRequestSchema> & { readonly model: string },
  options: CallOptions,
): Promise<ExecutorCallOutcome> {
  try {
    const response = await executor.generate(request, options);
    return { ok: true, response, attempts: response.attempts, costNanoUsd: response.costNanoUsd };
  } catch (caught) {
    const error = ConnectError.from(caught);
    const attempts = attemptsOfFailure(error, request.model);
    return { ok: false, error, attempts, costNanoUsd: attempts.reduce((sum, attempt) => sum + attempt.costNanoUsd, 0n) };
  }
}
