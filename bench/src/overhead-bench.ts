#!/usr/bin/env node
// npm run bench:overhead: the whole stack (five services, NATS, the simulator with no delays)
// against the same simulator called directly. Prints figures; asserts nothing.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { startLocalStack } from "@switchyard/stack";
import { loadBenchConfig } from "./config.js";
import { median, runLoad } from "./latency-stats.js";
import type { LoadFigures } from "./latency-stats.js";
import { directChat, directTimeToFirstToken, routerTimeToFirstToken } from "./upstream-calls.js";

const { runs, requestsPerRun } = loadBenchConfig();
const concurrencies = [1, 16, 64];
const messages = [{ role: "user", content: "Say hi" }];

const stack = await startLocalStack({
  rootDir: resolve(import.meta.dirname, "../.."),
  workDir: mkdtempSync(join(tmpdir(), "switchyard-bench-")),
  ports: "free",
  simLatencyScale: 0,
  env: { LOG_LEVEL: "warn" },
});
try {
  const router = createClient(RouterService, createGrpcTransport({ baseUrl: stack.urls.router }));
  const strategies = {
    pinned: () => router.complete({ messages, strategy: { kind: { case: "pinned", value: { model: "sim-instant" } } } }),
    auto: () => router.complete({ messages, strategy: { kind: { case: "auto", value: { candidates: ["sim-instant", "sim-small"] } } } }),
  };
  await runLoad(200, 16, strategies.pinned);
  console.log(`runs per figure: ${runs} (median), ${requestsPerRun} requests per run; simulator has no delays`);
  console.log("strategy   conc   req/s   p50 ms   p99 ms   direct p50 ms   added p50 ms   failed");
  for (const concurrency of concurrencies) {
    const direct = await medianLoad(() => runLoad(requestsPerRun, concurrency, () => directChat(stack.urls.sim, "sim-instant")));
    for (const [name, call] of Object.entries(strategies)) {
      const figures = await medianLoad(() => runLoad(requestsPerRun, concurrency, call));
      console.log(
        `${name.padEnd(9)} ${String(concurrency).padStart(5)} ${figures.requestsPerSecond.toFixed(0).padStart(7)} ${figures.p50Ms.toFixed(2).padStart(8)} ${figures.p99Ms.toFixed(2).padStart(8)} ${direct.p50Ms.toFixed(2).padStart(15)} ${(figures.p50Ms - direct.p50Ms).toFixed(2).padStart(14)} ${String(figures.failures).padStart(8)}`,
      );
    }
  }
  const directTtft = await medianOf(() => directTimeToFirstToken(stack.urls.sim, "sim-instant", 100));
  const routerTtft = await medianOf(() => routerTimeToFirstToken(stack.urls.router, "sim-instant", 100)).catch((error: unknown) => error as Error);
  console.log(
    routerTtft instanceof Error
      ? `StreamComplete time to first token: not measured (${routerTtft.message})`
      : `StreamComplete time to first token p50: ${routerTtft.toFixed(2)} ms via the router, ${directTtft.toFixed(2)} ms direct, added ${(routerTtft - directTtft).toFixed(2)} ms`,
  );
} finally {
  await stack.stop();
}

async function medianLoad(run: () => Promise<LoadFigures>): Promise<LoadFigures> {
  const all: LoadFigures[] = [];
  for (let index = 0; index < runs; index += 1) all.push(await run());
  return {
    requests: all[0]!.requests,
    failures: all.reduce((sum, each) => sum + each.failures, 0),
    requestsPerSecond: median(all.map((each) => each.requestsPerSecond)),
    p50Ms: median(all.map((each) => each.p50Ms)),
    p99Ms: median(all.map((each) => each.p99Ms)),
  };
}

async function medianOf(run: () => Promise<number>): Promise<number> {
  const values: number[] = [];
  for (let index = 0; index < runs; index += 1) values.push(await run());
  return median(values);
}
