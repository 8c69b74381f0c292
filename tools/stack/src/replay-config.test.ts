import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { replayConfigText, writeReplayConfig } from "./replay-config.js";

const base = `providers:
  simulator: { kind: openai, baseUrl: "\${SIM_URL:-http://127.0.0.1:18080}/v1", simulated: true }
models:
  sim-small: { provider: simulator, price: { inputPerMillion: "0.10", outputPerMillion: "0.40" } }
  priced/model: { provider: simulator, price: { inputPerMillion: "1", outputPerMillion: "2" } }
tenants:
  local: {}
devTenant: local
`;

describe("configuration for replay mode", () => {
  it("adds each replayed model under its recorded name and keeps what the base declares", () => {
    const config = parseYaml(replayConfigText(base, ["acme/tiny-7b", "priced/model"])) as {
      models: Record<string, unknown>;
      devTenant: string;
      providers: Record<string, { baseUrl: string }>;
    };
    expect(config.models["acme/tiny-7b"]).toEqual({
      provider: "simulator",
      providerModel: "acme/tiny-7b",
      contextWindow: 131_072,
      price: { inputPerMillion: "0", outputPerMillion: "0" },
    });
    expect(config.models["priced/model"]).toEqual({ provider: "simulator", price: { inputPerMillion: "1", outputPerMillion: "2" } });
    expect(Object.keys(config.models)).toEqual(["sim-small", "priced/model", "acme/tiny-7b"]);
    expect(config.devTenant).toBe("local");
    expect(config.providers["simulator"]?.baseUrl).toBe("${SIM_URL:-http://127.0.0.1:18080}/v1");
  });

  it("writes a file with the models of the replay files", () => {
    const dir = mkdtempSync(join(tmpdir(), "replay-config-"));
    writeFileSync(join(dir, "base.yaml"), base);
    writeFileSync(join(dir, "data.jsonl"), `${JSON.stringify({ id: "a", prompt: "p", outcomes: { "m/one": { quality: 1 }, "m-two": { quality: 0 } } })}\n`);
    const models = writeReplayConfig(join(dir, "base.yaml"), [join(dir, "data.jsonl")], join(dir, "out.yaml"));
    expect(models).toEqual(["m/one", "m-two"]);
    const written = parseYaml(readFileSync(join(dir, "out.yaml"), "utf8")) as { models: Record<string, { providerModel?: string }> };
    expect(written.models["m-two"]?.providerModel).toBe("m-two");
  });
});
