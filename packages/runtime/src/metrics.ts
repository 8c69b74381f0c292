import { createServer } from "node:http";
import type { Server } from "node:http";
import { ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import { createCompletionInterceptor } from "./call-completion.js";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** A service's Prometheus registry and the RPC metrics every service records. */
export interface ServiceMetrics {
  readonly registry: Registry;
  readonly rpcInterceptor: Interceptor;
}

const latencyBucketsSeconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Creates the registry with process metrics and `rpc_server_*` request counters and latency
 * histograms (labelled by method and gRPC code). Services add their own metrics to `registry`.
 */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "rpc_server_requests_total",
    help: "RPCs served, by method and gRPC status code.",
    labelNames: ["method", "code"],
    registers: [registry],
  });
  const duration = new Histogram({
    name: "rpc_server_duration_seconds",
    help: "RPC duration from request to last response message.",
    labelNames: ["method"],
    buckets: latencyBucketsSeconds,
    registers: [registry],
  });
  const rpcInterceptor = createCompletionInterceptor((request) => {
    const method = `${request.service.typeName}/${request.method.name}`;
    const started = performance.now();
    return (error) => {
      requests.inc({ method, code: error === undefined ? "ok" : codeName(error) });
      duration.observe({ method }, (performance.now() - started) / 1000);
    };
  });
  return { registry, rpcInterceptor };
}

function codeName(error: unknown): string {
  return codeToString(ConnectError.from(error).code);
}

/**
 * Serves `GET /metrics` over HTTP/1.1 on its own port: the gRPC port is HTTP/2-only (h2c) and
 * Prometheus scrapes with HTTP/1.1.
 */
export function startMetricsServer(registry: Registry, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url !== "/metrics") {
      response.writeHead(404).end("not found\n");
      return;
    }
    registry.metrics().then(
      (body) => response.writeHead(200, { "content-type": registry.contentType }).end(body),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}
