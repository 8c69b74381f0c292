import type { DescService } from "@bufbuild/protobuf";
import { Code, ConnectError, createContextKey } from "@connectrpc/connect";
import type { HandlerContext, Interceptor } from "@connectrpc/connect";
import { isTrustedMeshCall } from "./mesh-trust.js";
import type { ServiceMetrics } from "./metrics.js";
import { currentRequestContext, requestContextFromHeaders, requestHeaders, serveInContext } from "./request-context.js";
import { presentedApiKey } from "./tenant-keys.js";
import type { KeyDirectory } from "./tenant-keys.js";

/** How a caller proved who it is. */
export type CallerProof = "api-key" | "mesh" | "network" | "dev";

/** The authenticated caller of one RPC; set once by the caller interceptor, never changed. */
export interface Caller {
  /** Undefined for a mesh call that names no tenant (e.g. the critic's automatic feedback). */
  readonly tenant: string | undefined;
  readonly apiKeyId: string | undefined;
  readonly admin: boolean;
  readonly proof: CallerProof;
}

/** Connect context value holding the call's `Caller` (read it with `callerOf`). */
export const callerKey = createContextKey<Caller | undefined>(undefined, { description: "authenticated caller" });

/**
 * What the guarded services accept as proof:
 * - `api-key`: an API key (or the dev tenant); a tenant header is ignored (the router's door).
 * - `mesh`: the mesh token; the tenant header of a mesh peer is believed (internal services).
 * - `api-key-or-mesh`: an API key decides; otherwise a mesh peer's tenant header; otherwise the
 *   dev tenant (the ledger, which tenants' tools may also call directly).
 */
export type CallerPolicy =
  | { readonly accept: "api-key"; readonly directory: KeyDirectory }
  | { readonly accept: "mesh"; readonly meshToken: string | undefined }
  | { readonly accept: "api-key-or-mesh"; readonly directory: KeyDirectory; readonly meshToken: string | undefined };

/** Options for `createCallerInterceptor`. */
export type CallerAuthOptions = CallerPolicy & {
  /** The services whose calls are authenticated; health and reflection are never among them. */
  readonly services: readonly DescService[];
  /** Counts refused calls in `rpc_server_unauthenticated_total`. */
  readonly metrics?: ServiceMetrics;
};

/**
 * Server interceptor, the one place a service decides who its caller is: authenticates calls to
 * `services` under the policy, puts the `Caller` in the call's context values and serves the
 * call in a request context carrying that tenant (so peer calls pass it on). Calls to other
 * services (health, reflection) pass untouched. A refusal is UNAUTHENTICATED and counted.
 */
export function createCallerInterceptor(options: CallerAuthOptions): Interceptor {
  const guarded = new Set(options.services.map((service) => service.typeName));
  return (next) => (request) => {
    if (!guarded.has(request.service.typeName)) return next(request);
    let caller: Caller;
    try {
      caller = authenticate(request.header, options);
    } catch (error) {
      options.metrics?.unauthenticated.inc({ method: `${request.service.typeName}/${request.method.name}` });
      throw error;
    }
    request.contextValues.set(callerKey, caller);
    const outer = currentRequestContext() ?? requestContextFromHeaders(request.header);
    return serveInContext({ ...outer, tenant: caller.tenant, apiKeyId: caller.apiKeyId }, next, request);
  };
}

/** The caller of the call being handled; UNAUTHENTICATED when none was established. */
export function callerOf(context: HandlerContext): Caller {
  const caller = context.values.get(callerKey);
  if (!caller) throw new ConnectError('no credentials: send "authorization: Bearer <api key>"', Code.Unauthenticated);
  return caller;
}

function authenticate(headers: Headers, policy: CallerPolicy): Caller {
  switch (policy.accept) {
    case "api-key":
      return fromKey(headers, policy.directory);
    case "mesh":
      return fromMesh(headers, policy.meshToken);
    case "api-key-or-mesh":
      return fromKeyOrMesh(headers, policy.directory, policy.meshToken);
  }
}

function fromKey(headers: Headers, directory: KeyDirectory): Caller {
  const key = presentedApiKey(headers);
  const principal = directory.authenticate(key);
  return { ...principal, proof: key === undefined ? "dev" : "api-key" };
}

function fromMesh(headers: Headers, meshToken: string | undefined): Caller {
  if (!isTrustedMeshCall(headers, meshToken)) {
    throw new ConnectError("internal services answer only mesh peers: the call carries no valid x-switchyard-mesh-token", Code.Unauthenticated);
  }
  return {
    tenant: headers.get(requestHeaders.tenant) || undefined,
    apiKeyId: headers.get(requestHeaders.apiKeyId) || undefined,
    admin: false,
    proof: meshToken ? "mesh" : "network",
  };
}

function fromKeyOrMesh(headers: Headers, directory: KeyDirectory, meshToken: string | undefined): Caller {
  const key = presentedApiKey(headers);
  if (key !== undefined) return { ...directory.authenticate(key), proof: "api-key" };
  const tenant = headers.get(requestHeaders.tenant);
  if (!tenant) return { ...directory.authenticate(undefined), proof: "dev" };
  if (!isTrustedMeshCall(headers, meshToken)) {
    throw new ConnectError("x-switchyard-tenant is believed only from mesh peers carrying the mesh token; send an API key instead", Code.Unauthenticated);
  }
  return { ...directory.vouchedFor(tenant, headers.get(requestHeaders.apiKeyId) || undefined), proof: meshToken ? "mesh" : "network" };
}
