import type { DoorDeps } from "./door-deps.js";
import { createdAt } from "./door-deps.js";
import { sendFailure } from "./door-failure.js";
import { sendJson } from "./door-response.js";
import type { DoorRoute } from "./door-route.js";
import { openAiErrorBody } from "./error-shapes.js";
import { itemisationHeaders } from "./itemisation.js";
import { openAiToCompleteRequest } from "./openai-chat-request.js";
import { openAiChatCompletion } from "./openai-chat-response.js";
import { openAiChatRequestSchema } from "./openai-chat-schema.js";
import { createOpenAiStreamEncoder } from "./openai-sse.js";
import { parseJsonBody, readBody } from "./request-body.js";
import { callOptionsFor, disconnectSignal } from "./router-call.js";
import { relayStream, streamStartHeaders } from "./stream-relay.js";

/** `POST /v1/chat/completions`: OpenAI's chat API over the router (JSON, or SSE with `stream`). */
export function openAiChatRoute(deps: DoorDeps): DoorRoute {
  return {
    method: "POST",
    path: "/v1/chat/completions",
    async handle(request, response) {
      try {
        const body = parseJsonBody(openAiChatRequestSchema, await readBody(request, deps.maxBodyBytes));
        const completeRequest = openAiToCompleteRequest(body, request);
        const options = callOptionsFor(request, disconnectSignal(request, response));
        const created = createdAt(deps);
        if (body.stream) {
          const includeUsage = body.stream_options?.include_usage ?? false;
          await relayStream(
            deps.router.streamComplete(completeRequest, options),
            response,
            (start) => createOpenAiStreamEncoder(start, { created, includeUsage }),
            streamStartHeaders,
          );
          return;
        }
        const answer = await deps.router.complete(completeRequest, options);
        sendJson(response, 200, openAiChatCompletion(answer, created), itemisationHeaders(answer));
      } catch (error) {
        sendFailure(response, error, openAiErrorBody, deps.logger);
      }
    },
  };
}
