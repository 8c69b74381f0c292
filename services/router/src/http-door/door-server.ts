import { Code } from "@connectrpc/connect";
import type { DualProtocolHandler, DualProtocolListener, Logger } from "@switchyard/runtime";
import { startDualProtocolListener } from "@switchyard/runtime";
import { anthropicCountTokensRoute } from "./anthropic-count-tokens-route.js";
import { anthropicMessagesRoute } from "./anthropic-messages-route.js";
import type { DoorDeps } from "./door-deps.js";
import { sendJson } from "./door-response.js";
import type { DoorResponse } from "./door-response.js";
import type { DoorMount, DoorRoute } from "./door-route.js";
import { anthropicErrorBody, openAiErrorBody } from "./error-shapes.js";
import { invalidRequest } from "./http-errors.js";
import { modelsRoute } from "./models-route.js";
import { openAiChatRoute } from "./openai-chat-route.js";
import type { DoorRequest } from "./request-body.js";

/** The door's endpoints: OpenAI's chat and models, Anthropic's messages and token count. */
export function doorRoutes(deps: DoorDeps): DoorRoute[] {
  return [openAiChatRoute(deps), modelsRoute(deps), anthropicMessagesRoute(deps), anthropicCountTokensRoute(deps)];
}

/**
 * One handler for the door's routes and any mounted extras (the dashboard under `/dashboard`):
 * mounts first by path prefix, then exact routes; anything else is a 404 (405 for a known path
 * with another method) in OpenAI's error shape, or Anthropic's under `/v1/messages`.
 */
export function createDoorHandler(routes: readonly DoorRoute[], mounts: readonly DoorMount[], logger: Logger): DualProtocolHandler {
  return (request, response) => {
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    const mount = mounts.find((candidate) => path === candidate.pathPrefix || path.startsWith(`${candidate.pathPrefix}/`));
    const route = routes.find((candidate) => candidate.path === path && candidate.method === request.method);
    const handled = mount ? mount.handle(request, response) : route ? route.handle(request, response) : notFound(request, response, path, routes);
    void Promise.resolve(handled).catch((error: unknown) => {
      logger.error({ err: error, path }, "http door handler failed");
      if (!response.headersSent) sendJson(response, 500, openAiErrorBody({ status: 500, code: Code.Internal, message: "internal error" }));
      else response.end();
    });
  };
}

function notFound(request: DoorRequest, response: DoorResponse, path: string, routes: readonly DoorRoute[]): void {
  const known = routes.some((route) => route.path === path);
  const failure = invalidRequest(known ? `${request.method ?? ""} is not allowed on ${path}` : `no route for ${path}`, undefined, known ? 405 : 404);
  sendJson(response, failure.status, path.startsWith("/v1/messages") ? anthropicErrorBody(failure) : openAiErrorBody(failure));
}

/** Where the door listens. Port 0 picks a free one. */
export interface DoorListenOptions {
  readonly host: string;
  readonly port: number;
}

/** Starts the door on its own port: HTTP/1.1 and cleartext HTTP/2 (runtime's dual listener). */
export async function startHttpDoor(deps: DoorDeps, mounts: readonly DoorMount[], listen: DoorListenOptions): Promise<DualProtocolListener> {
  const listener = await startDualProtocolListener(createDoorHandler(doorRoutes(deps), mounts, deps.logger), listen.host, listen.port);
  deps.logger.info({ port: listener.port }, "http door listening (OpenAI /v1/chat/completions, Anthropic /v1/messages)");
  return listener;
}
