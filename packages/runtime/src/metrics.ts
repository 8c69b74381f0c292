import { createServer } from "node:http";
import type { Server } from "node:http";
import { ConnectError } from "@connectrpc/connect";
import type { Interceptor } from "@connectrpc/connect";
import { createCompletionInterceptor } from "./call-completion.js";
import { codeToString } from "@connectrpc/connect/protocol-connect";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** A service's Prometheus registry and the RPC metrics every service records. */
export interface ServiceMetrics {
  readonly registry: Registry;
  readonly rpcInterceptor: Interceptor;
  /** Calls refused by the caller interceptor (no or bad credentials), by method. */
  readonly unauthenticated: Counter<"method">;
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
  const unauthenticated = new Counter({
    name: "rpc_server_unauthenticated_total",
    help: "Calls refused UNAUTHENTICATED by the caller interceptor (missing or invalid API key or mesh token), by method.",
    labelNames: ["method"],
    registers: [registry],
  });
  registerEventLoopDelay(registry);
  return { registry, rpcInterceptor, unauthenticated };
}

/**
 * `process_event_loop_delay_p99_seconds` and `..._max_seconds`: the event loop's delay since the
 * previous scrape (perf_hooks histogram, reset on each scrape), so a soak can plot it over time.
 */
function registerEventLoopDelay(registry: Registry): void {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let last = { p99: 0, max: 0 };
  const sample = (): void => {
    if (histogram.count > 0) last = { p99: histogram.percentile(99) / 1e9, max: histogram.max / 1e9 };
    histogram.reset();
  };
  new Gauge({
    name: "process_event_loop_delay_p99_seconds",
    help: "p99 event-loop delay since the previous scrape.",
    registers: [registry],
    collect() {
      sample();
      this.set(last.p99);
    },
  });
  new Gauge({
    name: "process_event_loop_delay_max_seconds",
    help: "Largest event-loop delay since the previous scrape.",
    registers: [registry],
    collect() {
      this.set(last.max);
    },
  });
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
