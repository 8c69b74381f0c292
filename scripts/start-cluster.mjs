#!/usr/bin/env node
// `npm run start:cluster`: the production topology on one machine. A 3-node NATS JetStream
// cluster (routes on loopback), 2 routers, 2 executors, 2 ledgers, one selector, one critic
// and the provider simulator, on the ports in deploy/README.md ("The same topology on one
// machine"), or on free ones with --free-ports. Ctrl-C stops it.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, ensureNatsServer, ensureNodeModules, stopOnSignals } from "./setup-steps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureNodeModules(root);
const natsServer = ensureNatsServer();
build(root);
process.env.NATS_SERVER_BIN = natsServer;

const { defaultClusterPorts, startLocalCluster } = await import(join(root, "tools/stack/dist/index.js"));
console.log("switchyard: starting a 3-node NATS cluster, the provider simulator and 8 service instances...");
let cluster;
try {
  const ports = process.argv.includes("--free-ports") ? "free" : defaultClusterPorts;
  cluster = await startLocalCluster({ rootDir: root, workDir: join(root, ".switchyard/cluster"), ports });
} catch (error) {
  console.error(`switchyard: start failed: ${error.message}\n  logs: ${join(root, ".switchyard/cluster/logs")}`);
  process.exit(1);
}

const rows = cluster.instances.map(
  ({ id }) => `  ${id.padEnd(11)} grpc 127.0.0.1:${cluster.ports.instances[id].grpc}  metrics :${cluster.ports.instances[id].metrics}`,
);
const natsRows = cluster.ports.nats.map((node, index) => `  nats-${index}      client :${node.client}  routes :${node.cluster}  monitoring :${node.monitor}`);
console.log([...rows, ...natsRows, `  provider-sim http ${cluster.simUrl}`].join("\n"));
console.log(`switchyard: dev mode, calls without credentials act as tenant "local"; logs in ${cluster.logDir}`);
const body = JSON.stringify({ messages: [{ role: "user", content: "Say hi" }], strategy: { pinned: { model: "sim-small" } } });
console.log(
  `switchyard cluster ready: routers at ${cluster.urls("router").join(" and ")} — try: ` +
    `npx buf curl --protocol grpc --http2-prior-knowledge -d '${body}' ${cluster.urls("router")[0]}/switchyard.v1.RouterService/Complete`,
);

stopOnSignals(cluster);
