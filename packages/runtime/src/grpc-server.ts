import type { DescService } from "@bufbuild/protobuf";
import type { ConnectRouter, Interceptor } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import type { Logger } from "pino";
import type { CorsOptions } from "./cors-handler.js";
import { withCors } from "./cors-handler.js";
import type { DualProtocolListener } from "./dual-protocol-listener.js";
import { startDualProtocolListener } from "./dual-protocol-listener.js";
import { createErrorInterceptor } from "./errors.js";
import type { HealthRegistry } from "./health.js";
import { livenessServiceName, registerHealth, ServingStatus } from "./health.js";
import { createLoggingInterceptor } from "./logging-interceptor.js";
import type { ServiceMetrics } from "./metrics.js";
import { registerReflection } from "./reflection.js";
import { createRequestContextInterceptor } from "./request-context.js";
import { createServerTracingInterceptor } from "./tracing/rpc-tracing.js";

/** Options for startGrpcServer. */
export interface GrpcServerOptions {
  /** The services `routes` registers, for reflection and per-service health. */
  readonly services: readonly DescService[];
  readonly routes: (router: ConnectRouter) => void;
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  readonly logger: Logger;
  readonly health: HealthRegistry;
  readonly metrics?: ServiceMetrics;
  /** Service-specific interceptors, innermost (after context, logging, metrics, errors). */
  readonly interceptors?: readonly Interceptor[];
  /** How long in-flight calls may run on after shutdown starts before they are cut. */
  readonly shutdownGraceMs: number;
  /** Browser origins allowed to call (gRPC-Web, Connect); absent or empty: no CORS headers. */
  readonly cors?: CorsOptions;
}

/** A listening server. */
export interface RunningGrpcServer {
  readonly port: number;
  /** Base URL for clients, e.g. http://127.0.0.1:50051. */
  readonly url: string;
  /**
   * Graceful stop: reports NOT_SERVING, stops accepting connections and streams, lets in-flight
   * calls finish within the grace period, then cuts what is left.
   */
  close(): Promise<void>;
}

/**
 * Serves gRPC, gRPC-Web and Connect on one cleartext port, over HTTP/2 (prior knowledge) and
 * HTTP/1.1 (curl, browsers; gRPC itself needs HTTP/2), with health (grpc.health.v1), reflection
 * (v1 and v1alpha), tracing, request context, logging, metrics and error mapping on every call.
 */
export async function startGrpcServer(options: GrpcServerOptions): Promise<RunningGrpcServer> {
  const shutdown = new AbortController();
  const handler = connectNodeAdapter({
    routes: (router) => {
      options.routes(router);
      registerHealth(router, options.health);
      registerReflection(router, options.services);
    },
    interceptors: [
      createServerTracingInterceptor(),
      createRequestContextInterceptor(),
      createLoggingInterceptor(options.logger),
      ...(options.metrics ? [options.metrics.rpcInterceptor] : []),
      createErrorInterceptor(options.logger),
      ...(options.interceptors ?? []),
    ],
    jsonOptions: { ignoreUnknownFields: false },
    shutdownSignal: shutdown.signal,
  });
  const server = await startDualProtocolListener(withCors(handler, options.cors), options.host, options.port);
  const port = server.port;
  for (const service of options.services) {
    if (options.health.get(service.typeName) === undefined) options.health.set(service.typeName, ServingStatus.NOT_SERVING);
  }
  if (options.health.get("") === undefined) options.health.set("", ServingStatus.NOT_SERVING);
  options.health.set(livenessServiceName, ServingStatus.SERVING);
  options.logger.info({ port, services: options.services.map((service) => service.typeName) }, "grpc server listening");
  let closing: Promise<void> | undefined;
  return {
    port,
    url: `http://${urlHost(options.host)}:${port}`,
    close: () => (closing ??= closeGracefully(server, options, shutdown)),
  };
}

async function closeGracefully(server: DualProtocolListener, options: GrpcServerOptions, shutdown: AbortController): Promise<void> {
  options.health.close();
  const closed = server.close();
  const timer = setTimeout(() => {
    options.logger.warn({ connections: server.connectionCount() }, "grace period over, cutting remaining calls");
    shutdown.abort();
    server.destroyConnections();
  }, options.shutdownGraceMs);
  await closed;
  clearTimeout(timer);
  options.logger.info("grpc server closed");
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
