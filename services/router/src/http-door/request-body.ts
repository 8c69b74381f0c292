import type { IncomingMessage } from "node:http";
import type { Http2ServerRequest } from "node:http2";
import type { z } from "zod";
import type { DoorError } from "./http-errors.js";
import { invalidRequest } from "./http-errors.js";

/** An incoming request on either protocol. */
export type DoorRequest = IncomingMessage | Http2ServerRequest;

/** A refusal the door writes in the API's own error shape. */
export class DoorRefusal extends Error {
  override readonly name = "DoorRefusal";
  constructor(readonly failure: DoorError) {
    super(failure.message);
  }
}

/** Reads the whole body, refusing (413) one larger than `maxBytes` without buffering the rest. */
export async function readBody(request: DoorRequest, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers["content-length"] ?? "0");
  if (declared > maxBytes) throw new DoorRefusal(invalidRequest(`request body is larger than ${maxBytes} bytes`, undefined, 413));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new DoorRefusal(invalidRequest(`request body is larger than ${maxBytes} bytes`, undefined, 413));
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body against a schema; every refusal names the field (400). */
export function parseJsonBody<Schema extends z.ZodType>(schema: Schema, body: Buffer): z.infer<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new DoorRefusal(invalidRequest(`request body is not valid JSON: ${(error as Error).message}`));
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  if (!issue) throw new DoorRefusal(invalidRequest("invalid request body"));
  const path = issue.path.map((part) => (typeof part === "number" ? part : String(part)));
  if (issue.code === "unrecognized_keys") {
    const field = fieldName([...path, issue.keys[0] ?? ""]);
    throw new DoorRefusal(invalidRequest(`${field}: unknown field`, field));
  }
  const field = fieldName(path);
  throw new DoorRefusal(invalidRequest(field ? `${field}: ${issue.message}` : issue.message, field || undefined));
}

/** `messages[0].content`, as the APIs themselves name fields. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>((name, part) => (typeof part === "number" ? `${name}[${part}]` : name ? `${name}.${part}` : part), "");
}
