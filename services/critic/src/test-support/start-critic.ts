import { createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { CriticService } from "@switchyard/contracts/switchyard/v1/critic_pb";
import { createLogger, createServiceMetrics } from "@switchyard/runtime";
import type { ExecutorGenerateClient, RunningService, ServiceMetrics } from "@switchyard/runtime";
import type { FeedbackSink } from "../selector-feedback.js";
import { build } from "../server.js";

/** A critic on port 0 with in-memory peers, and a gRPC client of it. */
export interface TestCritic {
  readonly server: RunningService;
  readonly client: Client<typeof CriticService>;
  readonly metrics: ServiceMetrics;
}

/** Tenants of the tests: "acme" may use only `good-a`. */
export const testTenants = { acme: { apiKeys: [], allowedModels: ["good-a"], admin: false }, local: { apiKeys: [], admin: false } };

/**
 * Limits of the tests (small, so the limits themselves can be tested). The response margin is
 * large: on a loaded machine the answer must still beat the caller's own deadline.
 */
export const testLimits = { timeoutMs: 10_000, responseMarginMs: 1_000, maxCritics: 8, maxCandidates: 4, maxOutputTokens: 256, maxPromptChars: 2_000 };

/** Builds and starts the critic over the given fakes, as main.ts would over real peers. */
export async function startTestCritic(
  executor: ExecutorGenerateClient,
  feedback: FeedbackSink,
  models: Iterable<string>,
  meshToken?: string,
): Promise<TestCritic> {
  const metrics = createServiceMetrics("critic-test");
  const server = await build({
    executor,
    feedback,
    catalog: { models: new Set(models), tenants: testTenants },
    limits: testLimits,
    logger: createLogger({ service: "critic-test", level: "silent" }),
    metrics,
    readinessChecks: [],
    readinessIntervalMs: 60_000,
    shutdownGraceMs: 1_000,
    meshToken,
  }).start({ host: "127.0.0.1", port: 0, metricsPort: -1 });
  return { server, metrics, client: createClient(CriticService, createGrpcTransport({ baseUrl: server.url })) };
}
