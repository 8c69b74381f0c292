import { create } from "@bufbuild/protobuf";
import { AttemptContextSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { AttemptContext } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { currentRequestContext } from "@switchyard/runtime";

/**
 * The accounting context of the critic's own model calls: what the caller passed (its
 * reservation, strategy and tags), with the request id and API key id of the current call
 * where the caller left them empty, `strategy` defaulted, and the tag `switchyard_role` saying
 * the call was a critique or a judgment (so reports can tell them from answers).
 */
export function attemptContextFor(given: AttemptContext | undefined, strategy: string, role: "critic" | "judge"): AttemptContext {
  const current = currentRequestContext();
  return create(AttemptContextSchema, {
    requestId: given?.requestId || current?.requestId || "",
    apiKeyId: given?.apiKeyId || current?.apiKeyId || "",
    strategy: given?.strategy || strategy,
    taskType: given?.taskType ?? "",
    reservationId: given?.reservationId ?? "",
    tags: { ...given?.tags, switchyard_role: role },
  });
}
