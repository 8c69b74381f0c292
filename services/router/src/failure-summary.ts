import type { ConnectError } from "@connectrpc/connect";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { errorDetailOf, errorReasonName } from "@switchyard/runtime";

/**
 * How a failed model call reads in an attempt's escalation reason: the check an answer failed,
 * else the code with the contract's reason ("failed with unavailable (circuit_open)").
 */
export function failureSummary(error: ConnectError): string {
  const detail = errorDetailOf(error);
  if (detail?.reason === ErrorReason.ANSWER_CHECK_FAILED) return `failed the ${detail.check || "answer"} check`;
  const reason = detail && detail.reason !== ErrorReason.UNSPECIFIED ? ` (${errorReasonName(detail.reason)})` : "";
  return `failed with ${codeToString(error.code)}${reason}`;
}
