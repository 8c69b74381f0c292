#!/usr/bin/env node
import { loadConfig } from "./config.js";
import { defaultSimModels, scaleLatency } from "./sim-models.js";
import { startSimServer } from "./sim-server.js";

const config = loadConfig(process.env);
const sim = await startSimServer(
  { models: scaleLatency(defaultSimModels, config.SIM_LATENCY_SCALE), apiKey: config.SIM_API_KEY },
  config.SIM_HOST,
  config.SIM_PORT,
);
console.log(JSON.stringify({ service: "provider-sim", simulated: true, url: sim.url, msg: "provider simulator listening (SIMULATED models, not a real provider)" }));

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
