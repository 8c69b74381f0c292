import { createHash } from "node:crypto";
import { clone, toJson } from "@bufbuild/protobuf";
import type { JsonValue } from "@bufbuild/protobuf";
import { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequest } from "@switchyard/contracts/switchyard/v1/router_pb";

/** Bumped when the canonical form changes, so old entries are never matched by a new router. */
const canonicalVersion = "v1";

/** Sorts object keys at every level: the same request always serialises to the same text. */
function canonical(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key] ?? null)]),
  );
}

/**
 * The request as far as its answer depends on it: messages, strategy (model), generation
 * params (tools, response format, ...), quality bar, cost cap, task type, split and provider
 * options. Labels that do not change the answer (tags, idempotency key, the cache option
 * itself) are left out.
 */
export function canonicalRequest(request: CompleteRequest): string {
  const answerShaping = clone(CompleteRequestSchema, request);
  answerShaping.tags = {};
  answerShaping.idempotencyKey = "";
  answerShaping.cache = undefined;
  return JSON.stringify(canonical(toJson(CompleteRequestSchema, answerShaping)));
}

/** A tenant as a KV key token: as is when it is one already, else hex. */
function tenantToken(tenant: string): string {
  return /^[A-Za-z0-9_-]+$/.test(tenant) ? tenant : `x${Buffer.from(tenant).toString("hex")}`;
}

/**
 * The cache key: the tenant, then the SHA-256 of the canonical request. The tenant is part of
 * the key, never of the hash alone, so no lookup can reach another tenant's entries.
 */
export function cacheKey(tenant: string, request: CompleteRequest): string {
  const digest = createHash("sha256")
    .update(`${canonicalVersion}\n${canonicalRequest(request)}`)
    .digest("hex");
  return `${tenantToken(tenant)}.${digest}`;
}
