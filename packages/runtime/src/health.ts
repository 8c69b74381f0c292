import { EventEmitter, on } from "node:events";
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { ConnectRouter } from "@connectrpc/connect";
import { Health, HealthCheckResponse_ServingStatus as ServingStatus, HealthCheckResponseSchema } from "@switchyard/contracts/grpc/health/v1/health_pb";
import type { HealthCheckResponse } from "@switchyard/contracts/grpc/health/v1/health_pb";

export { ServingStatus };

/**
 * Health service name that reports SERVING for as long as the server answers, whatever its
 * peers do: the Kubernetes liveness probe asks for it, so that a NATS or peer outage makes a
 * pod unready (the empty name) without getting it restarted.
 */
export const livenessServiceName = "liveness";

/**
 * Serving status per service name, as the gRPC health protocol reports it. The empty name
 * is the server as a whole. Statuses are set by readiness checks, never hard-coded.
 */
export class HealthRegistry {
  readonly #statuses = new Map<string, ServingStatus>();
  readonly #changes = new EventEmitter();
  readonly #closed = new AbortController();

  constructor() {
    this.#changes.setMaxListeners(0);
  }

  /** Sets a service's status and wakes its watchers when it changed. */
  set(service: string, status: ServingStatus): void {
    if (this.#closed.signal.aborted || this.#statuses.get(service) === status) return;
    this.#statuses.set(service, status);
    this.#changes.emit(service, status);
  }

  /** Sets the same status on every registered service (shutdown, readiness loss). */
  setAll(status: ServingStatus): void {
    for (const service of this.#statuses.keys()) this.set(service, status);
  }

  get(service: string): ServingStatus | undefined {
    return this.#statuses.get(service);
  }

  entries(): [string, ServingStatus][] {
    return [...this.#statuses.entries()];
  }

  /**
   * Ends every watch (after reporting NOT_SERVING), so that long-lived Watch streams do not hold
   * HTTP/2 sessions open during a graceful shutdown.
   */
  close(): void {
    this.setAll(ServingStatus.NOT_SERVING);
    this.#closed.abort();
  }

  /** Yields the current status, then every change, until the signal aborts or close(). */
  async *watch(service: string, signal: AbortSignal): AsyncIterable<ServingStatus> {
    const stop = AbortSignal.any([signal, this.#closed.signal]);
    const changes = on(this.#changes, service, { signal: stop });
    yield this.get(service) ?? ServingStatus.SERVICE_UNKNOWN;
    try {
      for await (const [status] of changes) yield status as ServingStatus;
    } catch (error) {
      if (!stop.aborted) throw error;
    }
  }
}

/** Registers grpc.health.v1.Health (Check, Watch, List) backed by `registry`. */
export function registerHealth(router: ConnectRouter, registry: HealthRegistry): void {
  const response = (status: ServingStatus): HealthCheckResponse => create(HealthCheckResponseSchema, { status });
  router.service(Health, {
    check(request) {
      const status = registry.get(request.service);
      if (status === undefined) throw new ConnectError(`unknown service: ${request.service}`, Code.NotFound);
      return response(status);
    },
    async *watch(request, context) {
      for await (const status of registry.watch(request.service, context.signal)) yield response(status);
    },
    list() {
      return { statuses: Object.fromEntries(registry.entries().map(([name, status]) => [name, response(status)])) };
    },
  });
}
