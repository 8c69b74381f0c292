import { create } from "@bufbuild/protobuf";
import type { JsonObject } from "@bufbuild/protobuf";
import type { ContentPart, ToolChoice, ToolDefinition } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ContentPartSchema, ToolChoiceMode, ToolChoiceSchema, ToolDefinitionSchema } from "@switchyard/contracts/switchyard/v1/common_pb";

/**
 * A parsed JSON object (a tool's schema, provider options) as a google.protobuf.Struct field,
 * which protobuf-es represents as a JsonObject. The value came from JSON.parse, so it is JSON.
 */
export function structOf(value: Record<string, unknown>): JsonObject {
  return value as JsonObject;
}

/** A tool both APIs describe as name, description and a JSON Schema of its arguments. */
export function toolDefinition(
  name: string,
  description: string | undefined,
  parameters: Record<string, unknown> | undefined,
  strict: boolean,
): ToolDefinition {
  return create(ToolDefinitionSchema, {
    name,
    description: description ?? "",
    parameters: structOf(parameters ?? { type: "object", properties: {} }),
    strict,
  });
}

/** "auto" / "none" / "required", or one tool by name. */
export function toolChoice(choice: "auto" | "none" | "required" | { readonly name: string }): ToolChoice {
  if (typeof choice === "object") return create(ToolChoiceSchema, { choice: { case: "toolName", value: choice.name } });
  const mode = { auto: ToolChoiceMode.AUTO, none: ToolChoiceMode.NONE, required: ToolChoiceMode.REQUIRED }[choice];
  return create(ToolChoiceSchema, { choice: { case: "mode", value: mode } });
}

/** A text part. */
export function textPart(text: string): ContentPart {
  return create(ContentPartSchema, { part: { case: "text", value: text } });
}

/** An image part by URL (https: or data:). */
export function imageUrlPart(url: string, detail = ""): ContentPart {
  return create(ContentPartSchema, { part: { case: "image", value: { source: { case: "url", value: url }, detail } } });
}

/** An image part as bytes (Anthropic's base64 source). */
export function imageDataPart(base64: string, mediaType: string): ContentPart {
  return create(ContentPartSchema, { part: { case: "image", value: { source: { case: "data", value: Buffer.from(base64, "base64") }, mediaType } } });
}

/** Drops the keys whose value is undefined or null (optional proto fields stay unset). */
export function definedOnly<T extends Record<string, unknown>>(record: T): { [K in keyof T]?: Exclude<T[K], null | undefined> } {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== null)) as {
    [K in keyof T]?: Exclude<T[K], null | undefined>;
  };
}
