import { fromBinary, toBinary } from "@bufbuild/protobuf";
import { CompleteResponseSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";

/** A stored answer and until when it may be served (epoch ms). */
export interface CachedAnswer {
  readonly response: CompleteResponse;
  readonly storedAtMs: number;
  readonly expiresAtMs: number;
}

/** Where cached answers live; JetStream KV in production so that every router replica shares them. */
export interface ResponseStore {
  /** The live entry under the key, or undefined (absent, expired, or the store did not answer). */
  get(key: string): Promise<CachedAnswer | undefined>;
  put(key: string, answer: CachedAnswer): Promise<void>;
}

/** Stored form: a small JSON envelope around the binary CompleteResponse. */
export function encodeAnswer(answer: CachedAnswer): Uint8Array {
  const envelope = {
    storedAtMs: answer.storedAtMs,
    expiresAtMs: answer.expiresAtMs,
    response: Buffer.from(toBinary(CompleteResponseSchema, answer.response)).toString("base64"),
  };
  return new TextEncoder().encode(JSON.stringify(envelope));
}

/** The stored form back; undefined for anything that is not one (a foreign or damaged entry). */
export function decodeAnswer(bytes: Uint8Array): CachedAnswer | undefined {
  try {
    const envelope = JSON.parse(new TextDecoder().decode(bytes)) as { storedAtMs?: unknown; expiresAtMs?: unknown; response?: unknown };
    if (typeof envelope.storedAtMs !== "number" || typeof envelope.expiresAtMs !== "number" || typeof envelope.response !== "string") return undefined;
    const response = fromBinary(CompleteResponseSchema, Buffer.from(envelope.response, "base64"));
    return { response, storedAtMs: envelope.storedAtMs, expiresAtMs: envelope.expiresAtMs };
  } catch {
    return undefined;
  }
}
