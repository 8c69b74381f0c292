import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import type { Client } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { hashApiKey } from "@switchyard/runtime";
import { freePort, inheritedEnvironment, startNatsServer, startProcess, waitServing } from "@switchyard/stack";
import type { ManagedProcess, RunningNats } from "@switchyard/stack";

/** Tenants of the benchmark configuration: each scenario uses its own, so state never carries over. */
export const benchTenants = ["r1", "r2", "s1", "s2"] as const;

/** The admin key of the benchmark configuration. */
export const benchAdminKey = "sk-bench-admin";

/** A ledger replica process and a client of it. */
export interface LedgerReplica {
  readonly process: ManagedProcess;
  readonly client: Client<typeof LedgerService>;
}

/** NATS plus a configuration file, ready to start ledger replicas. */
export interface LedgerBenchCluster {
  readonly nats: RunningNats;
  startReplica(name: string): Promise<LedgerReplica>;
  stop(): Promise<void>;
}

function configText(): string {
  const tenants = benchTenants.map((tenant) => `  ${tenant}: {}`).join("\n");
  const budgets = benchTenants.map((tenant) => `  - { tenant: ${tenant}, limitUsd: "1000000", period: monthly }`).join("\n");
  return `providers:
  sim: { kind: openai, baseUrl: "http://127.0.0.1:9/v1", simulated: true }
models:
  small: { provider: sim, price: { inputPerMillion: "0.10", outputPerMillion: "0.40" } }
tenants:
${tenants}
  ops: { admin: true, apiKeys: [{ id: root, sha256: ${hashApiKey(benchAdminKey)} }] }
budgets:
${budgets}
`;
}

/** Starts nats-server (file storage) in a temporary directory on free ports. */
export async function startLedgerBenchCluster(rootDir: string): Promise<LedgerBenchCluster> {
  const workDir = mkdtempSync(join(tmpdir(), "ledger-bench-"));
  const configPath = join(workDir, "switchyard.yaml");
  writeFileSync(configPath, configText());
  const nats = await startNatsServer({
    name: "bench",
    port: await freePort(),
    monitorPort: await freePort(),
    dataDir: join(workDir, "js"),
    logFile: join(workDir, "nats.log"),
  });
  const processes: ManagedProcess[] = [];
  return {
    nats,
    async startReplica(name) {
      const port = await freePort();
      const child = startProcess({
        name,
        command: process.execPath,
        args: [join(rootDir, "services/ledger/dist/main.js")],
        logFile: join(workDir, `${name}.log`),
        env: {
          ...inheritedEnvironment(),
          LOG_LEVEL: "warn",
          HOST: "127.0.0.1",
          PORT: String(port),
          METRICS_PORT: "-1",
          NATS_URL: nats.url,
          SWITCHYARD_CONFIG: configPath,
          READINESS_INTERVAL_MS: "100",
        },
      });
      processes.push(child);
      const url = `http://127.0.0.1:${port}`;
      await waitServing(url, child, 120_000);
      return { process: child, client: createClient(LedgerService, createGrpcTransport({ baseUrl: url })) };
    },
    async stop() {
      for (const child of processes) await child.stop("SIGTERM");
      await nats.stop();
    },
  };
}
