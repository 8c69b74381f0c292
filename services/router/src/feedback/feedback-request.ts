import { Code, ConnectError } from "@connectrpc/connect";
import type { RouterServiceFeedbackRequest } from "@switchyard/contracts/switchyard/v1/router_pb";

/** Longest comment kept with a feedback. */
export const maxCommentChars = 2_000;

/** A checked caller feedback: the request it is about and the observed quality in [0,1]. */
export interface CheckedFeedback {
  readonly requestId: string;
  readonly quality: number;
  readonly global: boolean;
}

/** Checks a RouterService.Feedback request, naming the offending field. */
export function checkFeedback(request: RouterServiceFeedbackRequest): CheckedFeedback {
  const requestId = request.requestId.trim();
  if (requestId === "") throw new ConnectError("request_id: required (the request_id of a response your tenant received)", Code.InvalidArgument);
  if (request.comment.length > maxCommentChars) throw new ConnectError(`comment: at most ${maxCommentChars} characters`, Code.InvalidArgument);
  return { requestId, quality: qualityOf(request.signal), global: request.global };
}

function qualityOf(signal: RouterServiceFeedbackRequest["signal"]): number {
  switch (signal.case) {
    case "thumbsUp":
      return signal.value ? 1 : 0;
    case "quality":
      if (!Number.isFinite(signal.value) || signal.value < 0 || signal.value > 1) throw new ConnectError("quality: must be in [0, 1]", Code.InvalidArgument);
      return signal.value;
    default:
      throw new ConnectError("quality or thumbs_up: give one", Code.InvalidArgument);
  }
}
