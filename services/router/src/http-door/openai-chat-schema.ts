import { z } from "zod";
import { switchyardExtensionSchema } from "./routing-options.js";

const textPartSchema = z.strictObject({ type: z.literal("text"), text: z.string() });
const imagePartSchema = z.strictObject({
  type: z.literal("image_url"),
  image_url: z.strictObject({ url: z.string().min(1), detail: z.enum(["auto", "low", "high"]).optional() }),
});
const textContentSchema = z.union([z.string(), z.array(textPartSchema)]);

/** A tool call an assistant message carries (the model's earlier turn). */
export const openAiToolCallSchema = z.strictObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.strictObject({ name: z.string().min(1), arguments: z.string() }),
});

const messageSchema = z.discriminatedUnion("role", [
  z.strictObject({ role: z.literal("system"), content: textContentSchema, name: z.string().optional() }),
  z.strictObject({ role: z.literal("developer"), content: textContentSchema, name: z.string().optional() }),
  z.strictObject({ role: z.literal("user"), content: z.union([z.string(), z.array(z.union([textPartSchema, imagePartSchema]))]), name: z.string().optional() }),
  z.strictObject({
    role: z.literal("assistant"),
    content: textContentSchema.nullish(),
    name: z.string().optional(),
    tool_calls: z.array(openAiToolCallSchema).optional(),
    refusal: z.string().nullish(),
  }),
  // `name` (the tool's) is not in OpenAI's reference but its API takes it, and LangChain sends it.
  z.strictObject({ role: z.literal("tool"), content: textContentSchema, tool_call_id: z.string().min(1), name: z.string().optional() }),
]);

const toolSchema = z.strictObject({
  type: z.literal("function"),
  function: z.strictObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoiceSchema = z.union([
  z.enum(["none", "auto", "required"]),
  z.strictObject({ type: z.literal("function"), function: z.strictObject({ name: z.string().min(1) }) }),
]);

const responseFormatSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("text") }),
  z.strictObject({ type: z.literal("json_object") }),
  z.strictObject({
    type: z.literal("json_schema"),
    json_schema: z.strictObject({
      name: z.string().min(1),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/**
 * `POST /v1/chat/completions` as OpenAI documents it, strictly: an unknown field is refused by
 * name instead of ignored, so a caller never believes a setting was applied when it was not.
 * Sampling knobs the contract has no field for (penalties, logit bias) go to the provider as
 * provider options.
 */
export const openAiChatRequestSchema = z.strictObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.strictObject({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  n: z.literal(1).nullish(),
  tools: z.array(toolSchema).optional(),
  tool_choice: toolChoiceSchema.optional(),
  parallel_tool_calls: z.boolean().optional(),
  response_format: responseFormatSchema.optional(),
  reasoning_effort: z.enum(["none", "minimal", "low", "medium", "high"]).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  user: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  store: z.boolean().nullish(),
  switchyard: switchyardExtensionSchema.optional(),
});

export type OpenAiChatRequest = z.infer<typeof openAiChatRequestSchema>;
export type OpenAiChatMessage = OpenAiChatRequest["messages"][number];
