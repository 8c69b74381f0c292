import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { connectNats, createLogger, hashApiKey } from "@switchyard/runtime";
import type { NatsLink } from "@switchyard/runtime";
import { freePort, inheritedEnvironment, startProcess, waitServing } from "@switchyard/stack";
import type { ManagedProcess, RunningNats } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costEvent, startTestNats, withKey } from "./test-support/ledger-harness.js";
import { publishUntilStored } from "./test-support/retrying-publisher.js";

const workDir = mkdtempSync(join(tmpdir(), "ledger-process-"));
const configPath = join(workDir, "switchyard.yaml");
const admin = withKey("sk-process-admin");
let nats: RunningNats;
let link: NatsLink;
const processes: ManagedProcess[] = [];

writeFileSync(
  configPath,
  `
providers:
  sim: { kind: openai, baseUrl: "http://127.0.0.1:9/v1", simulated: true }
models:
  small: { provider: sim, price: { inputPerMillion: "0.10", outputPerMillion: "0.40" } }
tenants:
  acme: {}
  ops: { admin: true, apiKeys: [{ id: root, sha256: ${hashApiKey("sk-process-admin")} }] }
budgets:
  - { tenant: acme, limitUsd: "1000", period: total }
`,
);

/** A ledger replica as a real process (services/ledger/dist/main.js), SERVING on its own port. */
async function startLedgerProcess(name: string): Promise<{ process: ManagedProcess; client: Client<typeof LedgerService>; metricsUrl: string }> {
  const port = await freePort();
  const metricsPort = await freePort();
  const child = startProcess({
    name,
    command: process.execPath,
    args: [join(import.meta.dirname, "../dist/main.js")],
    logFile: join(workDir, `${name}.log`),
    env: {
      ...inheritedEnvironment(),
      HOST: "127.0.0.1",
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      NATS_URL: nats.url,
      SWITCHYARD_CONFIG: configPath,
      READINESS_INTERVAL_MS: "200",
      MESH_TOKEN: "ledger-process-test-mesh-token",
    },
  });
  processes.push(child);
  const url = `http://127.0.0.1:${port}`;
  await waitServing(url, child);
  return { process: child, client: createClient(LedgerService, createGrpcTransport({ baseUrl: url })), metricsUrl: `http://127.0.0.1:${metricsPort}/metrics` };
}

beforeAll(async () => {
  nats = await startTestNats();
  link = await connectNats({ servers: nats.url, name: "ledger-process-test", logger: createLogger({ service: "test", level: "silent" }) });
}, 30_000);
afterAll(async () => {
  for (const child of processes) await child.stop("SIGTERM");
  await link?.drain();
  await nats?.stop();
});

describe("ledger replicas as real processes", () => {
  it("settles every distinct event exactly once across kill -9 of one of two replicas mid-stream", async () => {
    const first = await startLedgerProcess("ledger-a");
    const second = await startLedgerProcess("ledger-b");
    const events = Array.from({ length: 300 }, (_, index) => costEvent(`proc-${index}`, BigInt(1_000 + ((index * 7919) % 5_000))));
    const expected = events.reduce((sum, event) => sum + event.costNanoUsd, 0n);
    let published = 0;
    const publishing = (async () => {
      for (let start = 0; start < events.length; start += 10) {
        await Promise.all(events.slice(start, start + 10).map((event) => publishUntilStored(link, event)));
        if (start % 30 === 0) await publishUntilStored(link, events[start]!);
        published = start + 10;
      }
    })();
    await expect.poll(() => published, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(100);
    expect(await first.process.stop("SIGKILL")).toBe("SIGKILL");
    const restarted = await startLedgerProcess("ledger-a-restarted");
    await publishing;
    for (const client of [restarted.client, second.client]) {
      await expect
        .poll(async () => (await client.getBudget({ tenant: "acme" }, admin)).budgets[0]?.spentNanoUsd, { timeout: 30_000, interval: 200 })
        .toBe(expected);
      await expect
        .poll(async () => (await client.report({ tenant: "acme" }, admin)).total, { timeout: 30_000, interval: 200 })
        .toMatchObject({ costNanoUsd: expected, attempts: 300n });
    }
    const metrics = await (await fetch(restarted.metricsUrl)).text();
    expect(metrics).toMatch(/^ledger_cost_events_settled_total\{service="ledger"\} 300$/m);
    expect(metrics).toMatch(/^ledger_settled_stream_sequence\{service="ledger"\} 300$/m);
  }, 120_000);
});
