import { z } from "zod";

/** A model's reply read against a schema: the value, or what is wrong with the reply. */
export type ParsedReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** Reads a model's reply into a value, or says what is wrong with it. */
export type ReplyParser<T> = (text: string) => ParsedReply<T>;

const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i;

/**
 * Parses a reply that must be one JSON object. The whole reply must be the object; the only
 * leniency is a code fence around it (models add one even when told not to). Prose around the
 * object, arrays and scalars are refused rather than searched for something object-like.
 */
export function parseJsonObject(text: string): ParsedReply<Record<string, unknown>> {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, problem: "the reply is empty" };
  const body = fenced.exec(trimmed)?.[1]?.trim() ?? trimmed;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, problem: "the reply is not a JSON object" };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { ok: false, problem: "the reply is JSON but not an object" };
  return { ok: true, value: value as Record<string, unknown> };
}

/** A parser that reads one JSON object and validates it with `schema` (extra keys are ignored). */
export function jsonReplyParser<Schema extends z.ZodType>(schema: Schema): ReplyParser<z.infer<Schema>> {
  return (text) => {
    const object = parseJsonObject(text);
    if (!object.ok) return object;
    const checked = schema.safeParse(object.value);
    if (checked.success) return { ok: true, value: checked.data };
    return { ok: false, problem: checked.error.issues.map((issue) => `${issue.path.join(".") || "object"}: ${issue.message}`).join("; ") };
  };
}

/** A number in [0, 1]. */
export const unitInterval = z.number().min(0).max(1);
