import type { DescService } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import type { Client, Interceptor, Transport } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus } from "@switchyard/contracts/grpc/health/v1/health_pb";
import type { ReadinessCheck } from "./readiness.js";
import { createContextPropagationInterceptor } from "./request-context.js";

/**
 * A gRPC (HTTP/2) transport to another Switchyard service that passes the current request
 * id, trace and tenant along on every call.
 */
export function createPeerTransport(baseUrl: string, interceptors: readonly Interceptor[] = []): Transport {
  return createGrpcTransport({
    baseUrl,
    interceptors: [createContextPropagationInterceptor(), ...interceptors],
    pingIntervalMs: 10_000,
    idleConnectionTimeoutMs: 60_000,
  });
}

/** A typed client of `service` at `baseUrl`. */
export function createPeerClient<Service extends DescService>(
  service: Service,
  baseUrl: string,
  interceptors: readonly Interceptor[] = [],
): Client<Service> {
  return createClient(service, createPeerTransport(baseUrl, interceptors));
}

/** Readiness check: the peer at `baseUrl` answers its health check with SERVING. */
export function peerReadinessCheck(name: string, baseUrl: string): ReadinessCheck {
  const health = createClient(Health, createGrpcTransport({ baseUrl }));
  return {
    name,
    check: async (signal) => {
      const response = await health.check({ service: "" }, { signal, timeoutMs: 1_000 });
      return response.status === HealthCheckResponse_ServingStatus.SERVING;
    },
  };
}
