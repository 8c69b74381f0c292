import { anthropicToCompleteRequest } from "./anthropic-messages-request.js";
import { anthropicMessage } from "./anthropic-messages-response.js";
import { anthropicMessagesRequestSchema } from "./anthropic-messages-schema.js";
import { createAnthropicStreamEncoder } from "./anthropic-messages-sse.js";
import type { DoorDeps } from "./door-deps.js";
import { sendFailure } from "./door-failure.js";
import { sendJson } from "./door-response.js";
import type { DoorRoute } from "./door-route.js";
import { anthropicErrorBody } from "./error-shapes.js";
import { itemisationHeaders } from "./itemisation.js";
import { parseJsonBody, readBody } from "./request-body.js";
import { callOptionsFor, disconnectSignal } from "./router-call.js";
import { relayStream, streamStartHeaders } from "./stream-relay.js";

/** `POST /v1/messages`: Anthropic's Messages API over the router (JSON, or SSE with `stream`). */
export function anthropicMessagesRoute(deps: DoorDeps): DoorRoute {
  return {
    method: "POST",
    path: "/v1/messages",
    async handle(request, response) {
      try {
        const body = parseJsonBody(anthropicMessagesRequestSchema, await readBody(request, deps.maxBodyBytes));
        const completeRequest = anthropicToCompleteRequest(body, request);
        const options = callOptionsFor(request, disconnectSignal(request, response));
        if (body.stream) {
          await relayStream(deps.router.streamComplete(completeRequest, options), response, createAnthropicStreamEncoder, streamStartHeaders);
          return;
        }
        const answer = await deps.router.complete(completeRequest, options);
        sendJson(response, 200, anthropicMessage(answer), itemisationHeaders(answer));
      } catch (error) {
        sendFailure(response, error, anthropicErrorBody, deps.logger);
      }
    },
  };
}
