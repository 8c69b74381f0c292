import { z } from "zod";
import { switchyardExtensionSchema } from "./routing-options.js";

const cacheControl = z.strictObject({ type: z.literal("ephemeral"), ttl: z.string().optional() }).nullish();
const textBlock = z.strictObject({ type: z.literal("text"), text: z.string(), cache_control: cacheControl, citations: z.array(z.unknown()).nullish() });
const imageBlock = z.strictObject({
  type: z.literal("image"),
  source: z.discriminatedUnion("type", [
    z.strictObject({ type: z.literal("base64"), media_type: z.enum(["image/jpeg", "image/png", "image/gif", "image/webp"]), data: z.string().min(1) }),
    z.strictObject({ type: z.literal("url"), url: z.string().min(1) }),
  ]),
  cache_control: cacheControl,
});
const toolUseBlock = z.strictObject({
  type: z.literal("tool_use"),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
});
const toolResultBlock = z.strictObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(textBlock)]).optional(),
  is_error: z.boolean().optional(),
  cache_control: cacheControl,
});

const messageSchema = z.discriminatedUnion("role", [
  z.strictObject({ role: z.literal("user"), content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textBlock, imageBlock, toolResultBlock]))]) }),
  z.strictObject({ role: z.literal("assistant"), content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textBlock, toolUseBlock]))]) }),
]);

const toolSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
  cache_control: cacheControl,
  type: z.literal("custom").optional(),
});

const toolChoiceSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("auto"), disable_parallel_tool_use: z.boolean().optional() }),
  z.strictObject({ type: z.literal("any"), disable_parallel_tool_use: z.boolean().optional() }),
  z.strictObject({ type: z.literal("none") }),
  z.strictObject({ type: z.literal("tool"), name: z.string().min(1), disable_parallel_tool_use: z.boolean().optional() }),
]);

const promptFields = {
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
};

/**
 * `POST /v1/messages` as Anthropic documents it (`max_tokens` required, as there), strictly:
 * unknown fields are refused by name. `top_k` goes to the provider as a provider option; a
 * thinking budget becomes a reasoning effort.
 */
export const anthropicMessagesRequestSchema = z.strictObject({
  ...promptFields,
  max_tokens: z.number().int().positive(),
  stream: z.boolean().optional(),
  stop_sequences: z.array(z.string()).optional(),
  temperature: z.number().min(0).max(1).optional(),
  top_p: z.number().min(0).max(1).optional(),
  top_k: z.number().int().positive().optional(),
  metadata: z.strictObject({ user_id: z.string().nullish() }).optional(),
  thinking: z
    .discriminatedUnion("type", [
      z.strictObject({ type: z.literal("enabled"), budget_tokens: z.number().int().positive() }),
      z.strictObject({ type: z.literal("disabled") }),
    ])
    .optional(),
  service_tier: z.enum(["auto", "standard_only"]).optional(),
  switchyard: switchyardExtensionSchema.optional(),
});

/** `POST /v1/messages/count_tokens`: the prompt part of a messages request. */
export const anthropicCountTokensRequestSchema = z.strictObject({ ...promptFields, thinking: anthropicMessagesRequestSchema.shape.thinking });

export type AnthropicMessagesRequest = z.infer<typeof anthropicMessagesRequestSchema>;
export type AnthropicCountTokensRequest = z.infer<typeof anthropicCountTokensRequestSchema>;
export type AnthropicMessage = AnthropicMessagesRequest["messages"][number];
