import { Code, ConnectError } from "@connectrpc/connect";
import { heuristicEstimator } from "@switchyard/pricing";
import { presentedApiKey } from "@switchyard/runtime";
import { anthropicConversation } from "./anthropic-messages-request.js";
import { anthropicCountTokensRequestSchema } from "./anthropic-messages-schema.js";
import type { DoorDeps } from "./door-deps.js";
import { sendFailure } from "./door-failure.js";
import { sendJson } from "./door-response.js";
import type { DoorRoute } from "./door-route.js";
import { anthropicErrorBody } from "./error-shapes.js";
import { headersOf } from "./models-route.js";
import { parseJsonBody, readBody } from "./request-body.js";
import { autoModel, strategyModelPrefix } from "./routing-options.js";

/**
 * `POST /v1/messages/count_tokens`: the input tokens of a prompt by the model's own tokenizer
 * (packages/pricing, the figure reservations use); for `auto` and strategies, whose model is not
 * known yet, the pricing package's heuristic. Tool definitions count as their JSON text.
 */
export function anthropicCountTokensRoute(deps: DoorDeps): DoorRoute {
  return {
    method: "POST",
    path: "/v1/messages/count_tokens",
    async handle(request, response) {
      try {
        deps.keys.authenticate(presentedApiKey(headersOf(request)));
        const body = parseJsonBody(anthropicCountTokensRequestSchema, await readBody(request, deps.maxBodyBytes));
        const routed = body.model === autoModel || body.model.startsWith(strategyModelPrefix);
        if (!routed && !deps.access.models[body.model]) throw new ConnectError(`model: unknown model "${body.model}"`, Code.NotFound);
        const estimator = routed ? heuristicEstimator : deps.pricing.estimator(body.model);
        const messages = anthropicConversation(body).map((message) => ({
          role: message.role,
          content:
            message.content ||
            message.parts.map((part) => (part.part.case === "text" ? part.part.value : "")).join("") ||
            message.toolCalls.map((call) => call.argumentsJson).join(""),
        }));
        const tools = body.tools === undefined ? 0 : estimator.countText(JSON.stringify(body.tools));
        sendJson(response, 200, { input_tokens: estimator.countMessages(messages) + tools });
      } catch (error) {
        sendFailure(response, error, anthropicErrorBody, deps.logger);
      }
    },
  };
}
