import { Code, ConnectError } from "@connectrpc/connect";
import type { CallSettings, PromptMessage } from "@switchyard/provider-spec";
import type { ModelDeployment } from "../model-deployments.js";

/**
 * Refuses, before any attempt, a call that needs what the model cannot do, with
 * INVALID_ARGUMENT naming the field and the capability: image parts without `vision`, tools
 * without `tools`, a JSON-schema answer without `jsonSchema`. Reasoning effort is never refused
 * (models without reasoning ignore it, as the contract says).
 */
export function checkCapabilities(deployment: ModelDeployment, messages: readonly PromptMessage[], settings: CallSettings): void {
  const { capabilities, model } = deployment;
  if (!capabilities.vision) {
    messages.forEach((message, index) => {
      const image = message.parts?.findIndex((part) => part.type === "image") ?? -1;
      if (image >= 0) refuse(`messages[${index}].parts[${image}].image: model "${model}" does not accept images (capability "vision" is off)`);
    });
  }
  if (!capabilities.tools && settings.tools && settings.tools.length > 0)
    refuse(`params.tools: model "${model}" cannot call tools (capability "tools" is off)`);
  if (!capabilities.jsonSchema && settings.responseFormat?.type === "json-schema") {
    refuse(`params.response_format: model "${model}" cannot answer to a JSON schema (capability "jsonSchema" is off)`);
  }
}

function refuse(message: string): never {
  throw new ConnectError(message, Code.InvalidArgument);
}
