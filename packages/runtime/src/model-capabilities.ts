import type { z } from "zod";
import type { modelCapabilitiesSchema } from "./model-config.js";

/** What a model can do, every field decided. */
export interface ModelCapabilities {
  readonly vision: boolean;
  readonly tools: boolean;
  readonly jsonSchema: boolean;
  readonly reasoning: boolean;
}

/** o1, o3, o4-mini, gpt-5 ... with or without a vendor prefix ("openai/o3-mini"). */
const reasoningIds = /^(?:[\w.-]+\/)?(?:o\d(?:$|[-.])|gpt-5)/i;

/** Families that take images: the GPT-4o/4.1/5 and o-series, Claude 3+, Gemini, Llama/Qwen vision models, LLaVA, Gemma 3. */
const visionIds = /gpt-4o|gpt-4\.1|gpt-5|(?:^|\/)o[134](?:$|[-.])|claude-(?:3|sonnet|opus|haiku)|gemini|vision|llava|-vl\b|gemma-?3|pixtral/i;

/**
 * A model's capabilities: what the configuration declares, the rest inferred from the
 * provider's model id. Tools and JSON-schema output default to true (every current chat model
 * of the supported providers has them; declare `false` for one that does not), images and
 * reasoning follow the id patterns above.
 */
export function resolveModelCapabilities(providerModel: string, declared: z.infer<typeof modelCapabilitiesSchema> = {}): ModelCapabilities {
  return {
    vision: declared.vision ?? visionIds.test(providerModel),
    tools: declared.tools ?? true,
    jsonSchema: declared.jsonSchema ?? true,
    reasoning: declared.reasoning ?? reasoningIds.test(providerModel),
  };
}
