import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { Health, HealthCheckResponse_ServingStatus } from "@switchyard/contracts/grpc/health/v1/health_pb";
import type { ManagedProcess } from "./managed-process.js";

/** Polls a service's gRPC health check until it reports SERVING. */
export async function waitServing(url: string, process: ManagedProcess, timeoutMs = 60_000): Promise<void> {
  const health = createClient(Health, createGrpcTransport({ baseUrl: url }));
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (!process.isRunning()) throw new Error(`${process.name} exited during start-up; see its log`);
    try {
      const response = await health.check({ service: "" }, { timeoutMs: 1_000 });
      if (response.status === HealthCheckResponse_ServingStatus.SERVING) return;
      last = HealthCheckResponse_ServingStatus[response.status] ?? String(response.status);
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(50);
  }
  throw new Error(`${process.name} at ${url} not SERVING after ${timeoutMs} ms (last: ${last})`);
}
