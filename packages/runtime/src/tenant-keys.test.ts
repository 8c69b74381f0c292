import { Code } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { createKeyDirectory, hashApiKey, presentedApiKey } from "./tenant-keys.js";

const tenants = {
  acme: { apiKeys: [{ id: "k1", sha256: hashApiKey("sk-acme") }], admin: false },
  ops: { apiKeys: [{ id: "root", sha256: hashApiKey("sk-ops") }], admin: true },
};

describe("key directory", () => {
  it("finds the tenant, key and admin flag of a key by its hash", () => {
    const directory = createKeyDirectory(tenants, undefined);
    expect(directory.authenticate("sk-acme")).toEqual({ tenant: "acme", apiKeyId: "k1", admin: false });
    expect(directory.authenticate("sk-ops")).toEqual({ tenant: "ops", apiKeyId: "root", admin: true });
    expect(() => directory.authenticate("sk-nope")).toThrow(expect.objectContaining({ code: Code.Unauthenticated }));
    expect(() => directory.authenticate(undefined)).toThrow(/missing credentials/);
  });

  it("answers keyless calls as the dev tenant, and vouches only for configured tenants", () => {
    const directory = createKeyDirectory(tenants, "acme");
    expect(directory.authenticate(undefined)).toEqual({ tenant: "acme", apiKeyId: undefined, admin: false });
    expect(directory.vouchedFor("ops", undefined).admin).toBe(true);
    expect(() => directory.vouchedFor("initech", undefined)).toThrow(/unknown tenant "initech"/);
    expect([directory.hasTenant("acme"), directory.hasTenant("toString"), directory.hasApiKey("acme", "k1"), directory.hasApiKey("acme", "root")]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it("reads Bearer and x-api-key credentials and refuses other schemes", () => {
    expect(presentedApiKey(new Headers({ authorization: "Bearer sk-1" }))).toBe("sk-1");
    expect(presentedApiKey(new Headers({ "x-api-key": "sk-2" }))).toBe("sk-2");
    expect(presentedApiKey(new Headers())).toBeUndefined();
    expect(() => presentedApiKey(new Headers({ authorization: "Basic xyz" }))).toThrow(/Bearer <api key>/);
  });
});
