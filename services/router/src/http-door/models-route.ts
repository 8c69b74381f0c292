import { Code, ConnectError } from "@connectrpc/connect";
import { presentedApiKey } from "@switchyard/runtime";
import type { DoorDeps } from "./door-deps.js";
import { sendFailure } from "./door-failure.js";
import { sendJson } from "./door-response.js";
import type { DoorRoute } from "./door-route.js";
import { openAiErrorBody } from "./error-shapes.js";
import type { DoorRequest } from "./request-body.js";
import { autoModel, strategyModelPrefix, strategyNames } from "./routing-options.js";

/**
 * `GET /v1/models`: the models the caller's tenant may pin, then `auto` and the
 * `switchyard/<strategy>` names, in OpenAI's list shape.
 */
export function modelsRoute(deps: DoorDeps): DoorRoute {
  return {
    method: "GET",
    path: "/v1/models",
    handle(request, response) {
      try {
        const tenant = deps.keys.authenticate(presentedApiKey(headersOf(request))).tenant;
        const allowed = deps.access.tenants[tenant]?.allowedModels;
        const models = Object.entries(deps.access.models).filter(([name]) => !allowed || allowed.includes(name));
        const routed = [autoModel, ...strategyNames.filter((name) => name !== "pinned").map((name) => `${strategyModelPrefix}${name}`)];
        sendJson(response, 200, {
          object: "list",
          data: [
            ...models.map(([name, model]) => ({ id: name, object: "model", created: 0, owned_by: model.provider })),
            ...routed.map((id) => ({ id, object: "model", created: 0, owned_by: "switchyard" })),
          ],
        });
      } catch (error) {
        sendFailure(response, error instanceof ConnectError ? error : new ConnectError("internal error", Code.Internal), openAiErrorBody, deps.logger);
      }
      return Promise.resolve();
    },
  };
}

/** The request's headers as a Fetch Headers object (what the key directory reads). */
export function headersOf(request: DoorRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string" && !name.startsWith(":")) headers.set(name, value);
  }
  return headers;
}
