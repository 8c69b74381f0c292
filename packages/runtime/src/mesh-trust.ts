import { createHash, timingSafeEqual } from "node:crypto";
import type { Interceptor } from "@connectrpc/connect";

/**
 * Header a Switchyard service sends on internal hops to prove it belongs to the mesh. With a
 * mesh token configured, a callee believes `x-switchyard-tenant` only from calls carrying it;
 * without one, the network (Kubernetes NetworkPolicy: only Switchyard pods reach internal
 * ports) is the only proof, which is the local-development default.
 */
export const meshTokenHeader = "x-switchyard-mesh-token";

/** Client interceptor: adds the mesh token to every call of a peer client. */
export function createMeshTokenInterceptor(token: string): Interceptor {
  return (next) => (request) => {
    request.header.set(meshTokenHeader, token);
    return next(request);
  };
}

/**
 * True when the call may vouch for a tenant: no mesh token is configured (network trust), or
 * the call carries the configured token. Compared in constant time.
 */
export function isTrustedMeshCall(headers: Headers, configuredToken: string | undefined): boolean {
  if (configuredToken === undefined || configuredToken === "") return true;
  const presented = headers.get(meshTokenHeader);
  if (presented === null) return false;
  return timingSafeEqual(digest(presented), digest(configuredToken));
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
