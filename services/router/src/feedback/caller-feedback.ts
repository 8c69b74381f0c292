import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { RouterServiceFeedbackResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { RouterServiceFeedbackRequest, RouterServiceFeedbackResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { FeedbackSource } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { callerOf } from "@switchyard/runtime";
import type { RouterDeps } from "../router-deps.js";
import { checkFeedback } from "./feedback-request.js";
import type { LookupPatience } from "./request-owner.js";
import { lookupRequestOwner } from "./request-owner.js";

/**
 * The prediction caller feedback is scored against. The router keeps no prompts after
 * answering, so the selector gets no messages to recompute its prediction from; a neutral
 * prediction makes the observation move the model's calibration by the observed quality alone.
 */
export const neutralPrediction = 0.5;

/**
 * RouterService.Feedback: a caller's judgement of an answer its tenant received. The ledger
 * says whose request it was and which model answered (another tenant's: PERMISSION_DENIED,
 * unknown: NOT_FOUND); the observation goes to the selector for the request's tenant, and to
 * the state shared by every tenant only from an admin (`global`; anyone else: PERMISSION_DENIED).
 * Once per request and source: the selector keeps the request id, and a repeat is reported as
 * a duplicate and counted nowhere.
 */
export async function callerFeedback(
  deps: RouterDeps,
  request: RouterServiceFeedbackRequest,
  context: HandlerContext,
  patience?: LookupPatience,
): Promise<RouterServiceFeedbackResponse> {
  const feedback = checkFeedback(request);
  const caller = callerOf(context);
  if (feedback.global && !caller.admin) {
    throw new ConnectError(
      `global: only an admin may move the routing state shared by every tenant; tenant "${caller.tenant}" is not an admin`,
      Code.PermissionDenied,
    );
  }
  const owner = await lookupRequestOwner(deps.ledger, feedback.requestId, patience);
  if (owner.answeringModel === "")
    throw new ConnectError(`request_id: request "${feedback.requestId}" has no answer to give feedback on`, Code.FailedPrecondition);
  const recorded = await deps.selector.feedback({
    requestId: feedback.requestId,
    model: owner.answeringModel,
    quality: feedback.quality,
    predictedQuality: neutralPrediction,
    source: FeedbackSource.CALLER,
    tenant: owner.tenant,
    global: feedback.global,
    taskType: owner.taskType,
  });
  deps.logger.info(
    {
      requestId: feedback.requestId,
      model: owner.answeringModel,
      tenant: owner.tenant,
      global: feedback.global,
      duplicate: recorded.duplicate,
      commentChars: request.comment.length,
    },
    "caller feedback",
  );
  return create(RouterServiceFeedbackResponseSchema, { duplicate: recorded.duplicate, model: owner.answeringModel });
}
