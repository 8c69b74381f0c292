import { create } from "@bufbuild/protobuf";
import { ConnectError } from "@connectrpc/connect";
import { AttemptTrailSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { RouteRun } from "./route-run.js";

/**
 * The error a failed request ends with: the cause's code, message and details (retry delay,
 * budget), plus an AttemptTrail of every attempt the request made, so a caller can see what
 * was tried and billed even when no answer came back.
 */
export function runFailure(run: RouteRun, cause: ConnectError): ConnectError {
  const failure = new ConnectError(cause.rawMessage, cause.code, cause.metadata, undefined, cause);
  failure.details = cause.details.filter((detail) => ("desc" in detail ? detail.desc.typeName : detail.type) !== AttemptTrailSchema.typeName);
  failure.details.push({ desc: AttemptTrailSchema, value: create(AttemptTrailSchema, { attempts: run.attempts }) });
  return failure;
}
