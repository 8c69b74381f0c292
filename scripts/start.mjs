#!/usr/bin/env node
// `npm start`: installs what is missing, builds, starts NATS, the provider simulator and the
// five services, and prints `switchyard ready`. Ctrl-C stops everything cleanly.
import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, ensureNatsServer, ensureNodeModules, stopOnSignals } from "./setup-steps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureNodeModules(root);
const natsServer = ensureNatsServer();
build(root);

const { defaultPorts, startLocalStack, writeReplayConfig } = await import(join(root, "tools/stack/dist/index.js"));
const workDir = join(root, ".switchyard/local");
// Replay mode: SIM_REPLAY=<file.jsonl>[,<file>...] makes the simulator answer with recorded
// responses. Without a SWITCHYARD_CONFIG of your own, the replayed models are added to the
// local configuration (priced at zero) in a generated file.
const simReplay = (process.env.SIM_REPLAY ?? "")
  .split(",")
  .map((file) => file.trim())
  .filter(Boolean);
let configPath = process.env.SWITCHYARD_CONFIG ? resolve(process.env.SWITCHYARD_CONFIG) : undefined;
if (simReplay.length > 0 && !configPath) {
  mkdirSync(workDir, { recursive: true });
  configPath = join(workDir, "switchyard.replay.yaml");
  let models;
  try {
    models = writeReplayConfig(join(root, "config/switchyard.yaml"), simReplay, configPath);
  } catch (error) {
    console.error(`switchyard: ${error.message}`);
    process.exit(1);
  }
  console.log(`switchyard: replay mode, ${models.length} replayed models added (price 0) in ${configPath}; set SWITCHYARD_CONFIG to price them`);
}
console.log("switchyard: starting nats-server, the provider simulator and five services...");
let stack;
try {
  stack = await startLocalStack({
    rootDir: root,
    workDir,
    ports: defaultPorts,
    env: { NATS_SERVER_BIN: natsServer },
    ...(configPath ? { configPath } : {}),
    ...(simReplay.length > 0 ? { simReplay: simReplay.map((file) => resolve(file)) } : {}),
  });
} catch (error) {
  console.error(`switchyard: start failed: ${error.message}\n  logs: ${join(workDir, "logs")}`);
  process.exit(1);
}

const real = ["OPENAI_API_KEY", "OPENROUTER_API_KEY", "OLLAMA_HOST", "OPENAI_COMPATIBLE_BASE_URL"].filter((name) => process.env[name]);
console.log(
  real.length > 0
    ? `switchyard: real providers enabled by ${real.join(", ")}; sim-* models are SIMULATED`
    : "switchyard: no provider keys set, so only SIMULATED models (sim-small, sim-medium, sim-large, sim-ollama) are available",
);
if (simReplay.length > 0) {
  const replay = await (await fetch(`${stack.urls.sim}/_sim/replay`)).json();
  console.log(
    `switchyard: replay mode, the simulator answers ${replay.prompts} recorded prompts for ${Object.keys(replay.models).length} models (SIMULATED, recorded answers)`,
  );
}
console.log(`switchyard: dev mode, calls without credentials act as tenant "local"; logs in ${stack.logDir}`);
const body = JSON.stringify({ messages: [{ role: "user", content: "Say hi" }], strategy: { pinned: { model: "sim-small" } } });
console.log(
  `switchyard ready: router at 127.0.0.1:${stack.ports.services.router}, OpenAI/Anthropic HTTP door at ${stack.urls.http}/v1 ` +
    `(key sk-switchyard-local, model "auto") — try: ` +
    `npx buf curl --protocol grpc --http2-prior-knowledge -d '${body}' http://127.0.0.1:${stack.ports.services.router}/switchyard.v1.RouterService/Complete`,
);

stopOnSignals(stack);
