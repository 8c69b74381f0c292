import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { ChatMessageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CompleteRequestSchema, StrategySchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { describe, expect, it } from "vitest";
import { cacheKey } from "./cache-key.js";
import { cacheTtlSeconds } from "./cache-policy.js";

/** "hi" pinned to "small", with the given fields set. */
function request(init: MessageInitShape<typeof CompleteRequestSchema> = {}) {
  const built = create(CompleteRequestSchema, init);
  built.messages = [create(ChatMessageSchema, { role: "user", content: "hi" })];
  built.strategy = create(StrategySchema, { kind: { case: "pinned", value: { model: "small" } } });
  return built;
}
const limits = { defaultTtlSeconds: 300, maxTtlSeconds: 3600 };

describe("cacheKey", () => {
  it("is the tenant then the SHA-256 of the canonical request", () => {
    expect(cacheKey("acme", request())).toMatch(/^acme\.[0-9a-f]{64}$/);
    expect(cacheKey("acme", request())).not.toBe(cacheKey("globex", request()));
    expect(cacheKey("a.b", request())).toMatch(/^x612e62\./);
  });

  it("ignores labels and the cache option, but not what shapes the answer", () => {
    const base = cacheKey("acme", request());
    expect(cacheKey("acme", request({ tags: { project: "x" }, idempotencyKey: "k", cache: { enabled: true, ttlSeconds: 5 } }))).toBe(base);
    expect(cacheKey("acme", request({ params: { temperature: 0 } }))).not.toBe(base);
    expect(cacheKey("acme", request({ taskType: "code" }))).not.toBe(base);
    expect(cacheKey("acme", request({ params: { responseFormat: { type: 2 } } }))).not.toBe(base);
  });

  it("does not depend on the key order of provider options", () => {
    const one = request({ providerOptions: { fields: { a: { kind: { case: "numberValue", value: 1 } }, b: { kind: { case: "numberValue", value: 2 } } } } });
    const other = request({ providerOptions: { fields: { b: { kind: { case: "numberValue", value: 2 } }, a: { kind: { case: "numberValue", value: 1 } } } } });
    expect(cacheKey("acme", one)).toBe(cacheKey("acme", other));
  });
});

describe("cacheTtlSeconds", () => {
  it("uses the request's option first, then the tenant's default, capped by the router", () => {
    expect(cacheTtlSeconds(request(), undefined, limits)).toBeUndefined();
    expect(cacheTtlSeconds(request(), { enabled: true }, limits)).toBe(300);
    expect(cacheTtlSeconds(request(), { enabled: true, ttlSeconds: 60 }, limits)).toBe(60);
    expect(cacheTtlSeconds(request({ cache: { enabled: false } }), { enabled: true }, limits)).toBeUndefined();
    expect(cacheTtlSeconds(request({ cache: { enabled: true, ttlSeconds: 99_999 } }), undefined, limits)).toBe(3600);
  });

  it("skips sampled requests unless they allow it", () => {
    const sampled = request({ params: { temperature: 0.2 }, cache: { enabled: true } });
    expect(cacheTtlSeconds(sampled, undefined, limits)).toBeUndefined();
    expect(cacheTtlSeconds(request({ params: { temperature: 0.2 }, cache: { enabled: true, allowSampled: true } }), undefined, limits)).toBe(300);
  });
});
