import { createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { loadModelPricing } from "@switchyard/pricing";
import { createLogger, createServiceMetrics, parseSwitchyardConfig } from "@switchyard/runtime";
import type { RunningService, ServiceMetrics } from "@switchyard/runtime";
import type { ClosableCoordination } from "../coordination/create-coordination.js";
import { createLocalCoordination } from "../coordination/create-coordination.js";
import type { BufferedCostEventSink } from "../costs/cost-event-sink.js";
import { createDeployments } from "../model-deployments.js";
import type { ServedModel } from "../served-model.js";
import { createServedModels } from "../served-model.js";
import { build } from "../server.js";

/** A cost sink that keeps events in memory, in order. */
export function createMemoryCostSink(): BufferedCostEventSink & { readonly events: CostEvent[] } {
  const events: CostEvent[] = [];
  return { events, pending: 0, full: false, publish: (event) => void events.push(event) };
}

/** A running executor on port 0 with a client, for service tests. */
export interface ExecutorHarness {
  readonly client: Client<typeof ExecutorService>;
  readonly url: string;
  readonly models: ReadonlyMap<string, ServedModel>;
  readonly metrics: ServiceMetrics;
  stop(): Promise<void>;
}

/** How to start one. */
export interface ExecutorHarnessOptions {
  /** A switchyard.yaml text; `${SIM_URL}` is replaced by `simUrl`. */
  readonly configText: string;
  readonly simUrl: string;
  readonly costs: BufferedCostEventSink;
  /** Defaults to coordination in memory (one replica). */
  readonly coordination?: ClosableCoordination;
  readonly instance?: string;
  /** Jitter source; tests fix it so backoff is predictable. */
  readonly random?: () => number;
  /** MESH_TOKEN: callers must present it (undefined: network trust). */
  readonly meshToken?: string;
}

let ids = 0;

/** Starts an executor (build on port 0) over the given configuration. */
export async function startExecutorHarness(options: ExecutorHarnessOptions): Promise<ExecutorHarness> {
  const config = parseSwitchyardConfig(options.configText, { SIM_URL: options.simUrl });
  const pricing = await loadModelPricing(config);
  const deployments = createDeployments(config, Object.keys(config.providers), pricing);
  const logger = createLogger({ service: "executor-test", level: "silent" });
  const instance = options.instance ?? "test";
  const coordination = options.coordination ?? (await createLocalCoordination({ instance, models: [...deployments.keys()], logger }));
  const models = createServedModels(deployments, coordination, Date.now, logger);
  const metrics = createServiceMetrics("executor-test");
  const running: RunningService = await build({
    models,
    costs: options.costs,
    policy: config.executor,
    logger,
    devTenant: config.devTenant,
    maxPromptChars: 10_000,
    newId: () => `${instance}-attempt-${++ids}`,
    now: () => new Date("2026-11-23T12:00:00Z"),
    random: options.random ?? (() => 0),
    metrics,
    readinessChecks: [],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 1_000,
    meshToken: options.meshToken,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
  return {
    client: createClient(ExecutorService, createGrpcTransport({ baseUrl: running.url })),
    url: running.url,
    models,
    metrics,
    async stop() {
      await running.stop();
      coordination.close();
    },
  };
}
