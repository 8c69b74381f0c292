#!/usr/bin/env node
// `npm start`: installs what is missing, builds, starts NATS, the provider simulator and the
// five services, and prints `switchyard ready`. Ctrl-C stops everything cleanly.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, ensureNatsServer, ensureNodeModules, stopOnSignals } from "./setup-steps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureNodeModules(root);
const natsServer = ensureNatsServer();
build(root);

const { defaultPorts, startLocalStack } = await import(join(root, "tools/stack/dist/index.js"));
console.log("switchyard: starting nats-server, the provider simulator and five services...");
let stack;
try {
  stack = await startLocalStack({
    rootDir: root,
    workDir: join(root, ".switchyard/local"),
    ports: defaultPorts,
    env: { NATS_SERVER_BIN: natsServer },
  });
} catch (error) {
  console.error(`switchyard: start failed: ${error.message}\n  logs: ${join(root, ".switchyard/local/logs")}`);
  process.exit(1);
}

const real = ["OPENAI_API_KEY", "OPENROUTER_API_KEY", "OLLAMA_HOST", "OPENAI_COMPATIBLE_BASE_URL"].filter((name) => process.env[name]);
console.log(
  real.length > 0
    ? `switchyard: real providers enabled by ${real.join(", ")}; sim-* models are SIMULATED`
    : "switchyard: no provider keys set, so only SIMULATED models (sim-small, sim-medium, sim-large, sim-ollama) are available",
);
console.log(`switchyard: dev mode, calls without credentials act as tenant "local"; logs in ${stack.logDir}`);
const body = JSON.stringify({ messages: [{ role: "user", content: "Say hi" }], strategy: { pinned: { model: "sim-small" } } });
console.log(
  `switchyard ready: router at 127.0.0.1:${stack.ports.services.router} — try: ` +
    `npx buf curl --protocol grpc --http2-prior-knowledge -d '${body}' http://127.0.0.1:${stack.ports.services.router}/switchyard.v1.RouterService/Complete`,
);

stopOnSignals(stack);
