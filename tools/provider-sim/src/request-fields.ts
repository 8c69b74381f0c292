import { HttpError } from "./http-io.js";
import type { SimMessage } from "./sim-text.js";

/** Reads `messages` as both protocols send them: content as a string or as text parts. */
export function readMessages(body: Record<string, unknown>): SimMessage[] {
  const messages = body["messages"];
  if (!Array.isArray(messages) || messages.length === 0) throw new HttpError(400, "'messages' must be a non-empty array");
  return messages.map((message: unknown, index) => {
    if (typeof message !== "object" || message === null) throw new HttpError(400, `messages[${index}] must be an object`);
    const { role, content } = message as { role?: unknown; content?: unknown };
    if (typeof role !== "string") throw new HttpError(400, `messages[${index}].role must be a string`);
    return { role, content: contentText(content) };
  });
}

function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part: unknown) => (typeof part === "object" && part !== null && "text" in part ? String(part.text) : "")).join("");
  }
  return "";
}

/** A positive integer field, or undefined when absent. */
export function optionalCount(value: unknown, name: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) throw new HttpError(400, `'${name}' must be a positive integer`);
  return value;
}
