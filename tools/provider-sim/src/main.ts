#!/usr/bin/env node
import { loadConfig } from "./config.js";
import { loadReplay } from "./replay-data.js";
import { defaultSimModels, scaleLatency } from "./sim-models.js";
import { startSimServer } from "./sim-server.js";

const config = loadConfig();
const replay = config.SIM_REPLAY.length > 0 ? loadReplayMode() : undefined;
const sim = await startSimServer(
  { models: scaleLatency(defaultSimModels, config.SIM_LATENCY_SCALE), apiKey: config.SIM_API_KEY, ...(replay ? { replay } : {}) },
  config.SIM_HOST,
  config.SIM_PORT,
);
console.log(
  JSON.stringify({ service: "provider-sim", simulated: true, url: sim.url, msg: "provider simulator listening (SIMULATED models, not a real provider)" }),
);

function loadReplayMode(): NonNullable<Parameters<typeof startSimServer>[0]["replay"]> {
  const started = performance.now();
  const index = loadReplay(config.SIM_REPLAY);
  const loadMs = Math.round(performance.now() - started);
  console.log(
    JSON.stringify({
      service: "provider-sim",
      simulated: true,
      replay: { files: index.files, records: index.records, prompts: index.prompts.size, models: index.models.size, loadMs },
      msg: "replay mode: recorded answers loaded",
    }),
  );
  const scale = config.SIM_LATENCY_SCALE;
  const tokensPerSecond = config.SIM_REPLAY_TOKENS_PER_SECOND;
  return {
    index,
    profile: { timeToFirstTokenMs: config.SIM_REPLAY_TTFT_MS * scale, tokensPerSecond: scale === 0 || tokensPerSecond === 0 ? 0 : tokensPerSecond / scale },
  };
}

const stop = (): void => {
  void sim.close().then(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
