import type { DescService } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import type { Client, Interceptor, Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus } from "@switchyard/contracts/grpc/health/v1/health_pb";
import { createBalancedTransport } from "./balanced-transport.js";
import { GoawaySafeSessionManager } from "./goaway-safe-session.js";
import { createPeerErrorInterceptor } from "./peer-errors.js";
import { PeerEndpoints } from "./peer-endpoints.js";
import { isSingleUrl, parsePeerTarget } from "./peer-target.js";
import type { ReadinessCheck } from "./readiness.js";
import { createContextPropagationInterceptor } from "./request-context.js";
import { createClientTracingInterceptor } from "./tracing/rpc-tracing.js";

/**
 * An HTTP/2 transport to another Switchyard service that passes the current request id,
 * trace (a CLIENT span per call when tracing is on) and tenant along on every call. `target` is one base URL (a plain transport, as
 * always), several separated by commas, or `dns:///host:port`: then calls are spread over
 * every replica and fail over from one that cannot be reached (see createBalancedTransport).
 * Balancing in the client matters: one HTTP/2 connection carries every call, so a
 * connection-level balancer (a Kubernetes ClusterIP Service) would pin each caller to one pod.
 *
 * Hops between our own services speak the Connect protocol (binary protobuf over HTTP/2), which
 * every service serves next to gRPC: codes, details, deadlines and headers carry over the same,
 * and in connect-es it costs about 35% less CPU per call than gRPC (no trailers to parse; see
 * `npm run bench:rpc-floor`), which added 10-20% throughput to the whole stack in bench:overhead.
 * Backends still call the router with gRPC.
 */
export function createPeerTransport(target: string, interceptors: readonly Interceptor[] = []): Transport {
  const parts = parsePeerTarget(target);
  const transportTo = (baseUrl: string): Transport =>
    createConnectTransport({
      baseUrl,
      httpVersion: "2",
      useBinaryFormat: true,
      interceptors: [createClientTracingInterceptor(), createContextPropagationInterceptor(), createPeerErrorInterceptor(), ...interceptors],
      sessionManager: new GoawaySafeSessionManager(baseUrl, { pingIntervalMs: 10_000, idleConnectionTimeoutMs: 60_000 }),
    });
  if (isSingleUrl(parts)) return transportTo(target.trim());
  return createBalancedTransport(new PeerEndpoints(parts), transportTo);
}

/** A typed client of `service` at `target` (see createPeerTransport for the forms it takes). */
export function createPeerClient<Service extends DescService>(service: Service, target: string, interceptors: readonly Interceptor[] = []): Client<Service> {
  return createClient(service, createPeerTransport(target, interceptors));
}

/**
 * Readiness check: the peer answers its health check with SERVING; with several replicas,
 * at least one of them does (calls fail over to it).
 */
export function peerReadinessCheck(name: string, target: string): ReadinessCheck {
  const parts = parsePeerTarget(target);
  if (isSingleUrl(parts)) {
    const health = createClient(Health, healthTransport(target.trim()));
    return { name, check: (signal) => isServing(health, signal) };
  }
  const endpoints = new PeerEndpoints(parts);
  const clients = new Map<string, Client<typeof Health>>();
  const clientFor = (url: string): Client<typeof Health> => {
    let client = clients.get(url);
    if (!client) {
      client = createClient(Health, healthTransport(url));
      clients.set(url, client);
    }
    return client;
  };
  return {
    name,
    check: async (signal) => {
      const urls = await endpoints.current();
      for (const known of clients.keys()) if (!urls.includes(known)) clients.delete(known);
      const results = await Promise.all(urls.map((url) => isServing(clientFor(url), signal).catch(() => false)));
      return results.some(Boolean);
    },
  };
}

function healthTransport(baseUrl: string): Transport {
  return createGrpcTransport({ baseUrl, sessionManager: new GoawaySafeSessionManager(baseUrl) });
}

async function isServing(health: Client<typeof Health>, signal: AbortSignal): Promise<boolean> {
  const response = await health.check({ service: "" }, { signal, timeoutMs: 1_000 });
  return response.status === HealthCheckResponse_ServingStatus.SERVING;
}
