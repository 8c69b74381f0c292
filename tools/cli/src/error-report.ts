import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { errorReasonName, errorReasonOf } from "@switchyard/runtime";
import { exitCodeOf, exitCodes } from "./exit-codes.js";
import { UsageError } from "./usage-error.js";

/** What to tell the user about a failure, and the exit status. */
export interface ErrorReport {
  readonly message: string;
  readonly exitCode: number;
}

const unreachable = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|ETIMEDOUT|EAI_AGAIN/;

function causeText(error: unknown): string {
  const parts: string[] = [];
  for (let cause: unknown = error; cause instanceof Error && parts.length < 4; cause = cause.cause) parts.push(cause.message);
  return parts.join(": ");
}

/**
 * A failure as one line for stderr: the server's own message, code and reason for an RPC error
 * ("RESOURCE_EXHAUSTED (budget_exhausted): ..."), "cannot reach" with the address for a
 * connection failure, the flag at fault for a usage error.
 */
export function reportError(error: unknown, url: string): ErrorReport {
  if (UsageError.isInstance(error)) return { message: `switchyard: ${error.message} (see switchyard --help)`, exitCode: exitCodes.usage };
  const connectError = ConnectError.from(error);
  const detail = causeText(error);
  if (connectError.code === Code.Unavailable && unreachable.test(detail)) {
    return {
      message: `switchyard: cannot reach the router at ${url} (${unreachable.exec(detail)?.[0]}); set --url or SWITCHYARD_URL`,
      exitCode: exitCodes.unreachable,
    };
  }
  const code = Code[connectError.code].replace(/[A-Z]/g, (letter, at: number) => `${at > 0 ? "_" : ""}${letter}`).toUpperCase();
  const reason = errorReasonOf(connectError);
  const named = reason === ErrorReason.UNSPECIFIED ? "" : ` (${errorReasonName(reason)})`;
  return { message: `switchyard: ${code}${named}: ${connectError.rawMessage}`, exitCode: exitCodeOf(connectError.code, reason) };
}
