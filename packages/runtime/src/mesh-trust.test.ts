import { describe, expect, it } from "vitest";
import { isTrustedMeshCall, meshTokenHeader } from "./mesh-trust.js";
import { requireMeshTokenInProduction } from "./env-config.js";

describe("mesh trust", () => {
  it("trusts the network when no token is configured", () => {
    expect(isTrustedMeshCall(new Headers(), undefined)).toBe(true);
  });

  it("requires the configured token when there is one", () => {
    const token = "0123456789abcdef";
    expect(isTrustedMeshCall(new Headers(), token)).toBe(false);
    expect(isTrustedMeshCall(new Headers({ [meshTokenHeader]: "0123456789abcdeX" }), token)).toBe(false);
    expect(isTrustedMeshCall(new Headers({ [meshTokenHeader]: token }), token)).toBe(true);
  });
});

describe("requireMeshTokenInProduction", () => {
  it("refuses a configuration without a dev tenant (production) and no mesh token, naming MESH_TOKEN", () => {
    expect(() => requireMeshTokenInProduction(undefined, undefined)).toThrow(/MESH_TOKEN: required when the configuration names no devTenant/);
    expect(requireMeshTokenInProduction("a-mesh-token-of-16+", undefined)).toBe("a-mesh-token-of-16+");
    expect(requireMeshTokenInProduction(undefined, "local")).toBeUndefined();
  });
});
