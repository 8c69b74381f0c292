import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { DescService } from "@bufbuild/protobuf";
import type { ConnectRouter, Interceptor } from "@connectrpc/connect";
import type { Logger } from "pino";
import type { CorsOptions } from "./cors-handler.js";
import { startGrpcServer } from "./grpc-server.js";
import { HealthRegistry } from "./health.js";
import type { ServiceMetrics } from "./metrics.js";
import { startMetricsServer } from "./metrics.js";
import type { ReadinessCheck } from "./readiness.js";
import { startReadinessLoop } from "./readiness.js";

/** What every service's `build(deps)` receives besides its own dependencies. */
export interface HostDeps {
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly readinessChecks: readonly ReadinessCheck[];
  readonly readinessIntervalMs: number;
  readonly shutdownGraceMs: number;
  readonly interceptors?: readonly Interceptor[];
  /** Browser origins allowed on the gRPC port (gRPC-Web, Connect); off by default. */
  readonly cors?: CorsOptions;
}

/** A service's RPCs plus its host dependencies. */
export interface ServiceHostOptions extends HostDeps {
  readonly services: readonly DescService[];
  readonly routes: (router: ConnectRouter) => void;
}

/** Where to listen. Port 0 picks a free port; a metrics port of -1 serves no metrics. */
export interface ListenOptions {
  readonly host: string;
  readonly port: number;
  readonly metricsPort: number;
}

/** A started service. */
export interface RunningService {
  readonly url: string;
  readonly port: number;
  /** Undefined when metrics are off. */
  readonly metricsPort: number | undefined;
  readonly health: HealthRegistry;
  /** Re-evaluates readiness now (tests use it instead of waiting for the interval). */
  checkReadiness(): Promise<boolean>;
  /** Graceful stop: readiness off, in-flight calls finish within the grace period. */
  stop(): Promise<void>;
}

/** A service that can be started; `build(deps)` in each service returns one. */
export interface ServiceHost {
  start(listen: ListenOptions): Promise<RunningService>;
}

/** Wires the gRPC server, health, readiness loop and metrics endpoint of one service. */
export function createServiceHost(options: ServiceHostOptions): ServiceHost {
  return {
    async start(listen) {
      const health = new HealthRegistry();
      const server = await startGrpcServer({ ...options, health, host: listen.host, port: listen.port });
      const metricsServer = listen.metricsPort >= 0 ? await startMetricsServer(options.metrics.registry, listen.host, listen.metricsPort) : undefined;
      const readiness = startReadinessLoop({
        health,
        services: options.services.map((service) => service.typeName),
        checks: options.readinessChecks,
        intervalMs: options.readinessIntervalMs,
        logger: options.logger,
      });
      await readiness.evaluate();
      return {
        url: server.url,
        port: server.port,
        metricsPort: metricsServer ? (metricsServer.address() as AddressInfo).port : undefined,
        health,
        checkReadiness: () => readiness.evaluate(),
        stop: async () => {
          readiness.stop();
          await server.close();
          await closeHttpServer(metricsServer);
        },
      };
    },
  };
}

function closeHttpServer(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
