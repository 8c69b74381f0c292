import { createHash } from "node:crypto";
import type { ChatFeatures, SimTool } from "./chat-features.js";
import type { Fault } from "./faults.js";
import { sampleFromSchema } from "./schema-sample.js";
import type { SimMessage } from "./sim-text.js";

/** A tool call the simulator makes: its id, the tool, and the argument text it streams. */
export interface SimToolCall {
  readonly id: string;
  readonly name: string;
  readonly argumentsJson: string;
}

/** What a request's features make the simulator answer, when they decide it. */
export type FeatureAnswer = { readonly text: string } | { readonly toolCall: SimToolCall };

/**
 * The deterministic answer to a request with tools, a JSON format or images, or undefined when
 * none applies. A tool is called when one is offered and the choice is "required" or names it,
 * or is "auto" and the conversation does not end with tool results; the arguments are a value of
 * the tool's schema (under `bad_tool_args`, JSON cut off midway). Tool results are answered by
 * quoting them; a JSON schema by a value of it; a JSON-object request by a small object; images
 * by saying how many were shown. Every text says it is simulated.
 */
export function featureAnswer(model: string, messages: readonly SimMessage[], features: ChatFeatures, fault: Fault | undefined): FeatureAnswer | undefined {
  const tool = toolToCall(features);
  if (tool) return { toolCall: toolCallFor(model, messages, tool, fault) };
  if (features.toolResults.length > 0) {
    return { text: `[simulated ${model}] ${features.toolResults.map((result) => `${result.name} returned ${result.content}`).join("; ")}` };
  }
  if (features.responseSchema) return { text: JSON.stringify(sampleFromSchema(features.responseSchema, `[simulated ${model}]`)) };
  if (features.jsonObject) return { text: JSON.stringify({ simulated: true, model }) };
  if (features.images > 0)
    return { text: `[simulated ${model}] I was shown ${features.images} image${features.images === 1 ? "" : "s"}; this description is simulated.` };
  return undefined;
}

function toolToCall(features: ChatFeatures): SimTool | undefined {
  const { tools, toolChoice } = features;
  if (tools.length === 0 || toolChoice === "none") return undefined;
  if (toolChoice === "auto") return features.toolResults.length === 0 ? tools[0] : undefined;
  if (toolChoice === "required") return tools[0];
  return tools.find((tool) => tool.name === toolChoice) ?? tools[0];
}

function toolCallFor(model: string, messages: readonly SimMessage[], tool: SimTool, fault: Fault | undefined): SimToolCall {
  const digest = createHash("sha256").update(model).update("\u0000").update(JSON.stringify(messages)).digest("hex");
  const valid = JSON.stringify(sampleFromSchema(tool.parameters, `[simulated ${model}]`));
  const argumentsJson = fault?.kind === "bad_tool_args" ? valid.slice(0, Math.max(2, Math.floor(valid.length / 2))) : valid;
  return { id: `call_sim_${digest.slice(0, 16)}`, name: tool.name, argumentsJson };
}

/** Argument text in the pieces a stream sends, a few characters each (as OpenAI splits them). */
export function argumentFragments(argumentsJson: string): string[] {
  return argumentsJson.match(/[\s\S]{1,6}/g) ?? [];
}
