import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { defaultSimModels, startSimServer } from "@switchyard/provider-sim";
import type { RunningSim } from "@switchyard/provider-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkOllamaPulls, leaveOutUnpulled } from "./ollama-pull-check.js";

let sim: RunningSim;
beforeAll(async () => {
  sim = await startSimServer({ models: defaultSimModels }, "127.0.0.1", 0);
});
afterAll(() => sim.close());

/** A port nothing listens on: bound, then released. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

const deployment = (model: string, provider: string, providerModel: string) => [model, { model, provider, providerModel }] as const;

describe("the start-up check of Ollama pulls (GET /api/tags through the ollama SDK)", () => {
  it("finds the models the server has not pulled, matching an untagged name to :latest, and ignores OpenAI providers", async () => {
    const providers = {
      local: { kind: "ollama" as const, baseUrl: sim.url, headers: {} },
      cloud: { kind: "openai" as const, baseUrl: "http://127.0.0.1:9/v1", headers: {} },
    };
    const deployments = new Map([
      deployment("pulled", "local", "sim-small"),
      deployment("pulled-tagged", "local", "sim-medium:latest"),
      deployment("missing", "local", "llama3.2"),
      deployment("missing-tag", "local", "sim-small:8b"),
      deployment("hosted", "cloud", "gpt-4o-mini"),
    ]);
    const check = await checkOllamaPulls(providers, deployments);
    expect(check.unpulled.map((each) => each.model).sort()).toEqual(["missing", "missing-tag"]);
    expect(check.unpulled.find((each) => each.model === "missing")).toEqual({ model: "missing", providerModel: "llama3.2", host: sim.url });
    expect(check.unreachable).toEqual([]);
  });

  it("reports a server that does not answer without leaving its models out", async () => {
    const host = await closedPortUrl();
    const deployments = new Map([deployment("far", "down", "llama3.2")]);
    const check = await checkOllamaPulls({ down: { kind: "ollama", baseUrl: host, headers: {} } }, deployments);
    expect(check.unpulled).toEqual([]);
    expect(check.unreachable).toMatchObject([{ host, models: ["far"] }]);

    const warnings: string[] = [];
    leaveOutUnpulled(check, deployments, { warn: (_fields, message) => warnings.push(message) });
    expect([...deployments.keys()]).toEqual(["far"]);
    expect(warnings[0]).toContain(`Ollama server ${host} did not answer`);
  });

  it("leaves an unpulled model out of what the executor serves and says which command fixes it", () => {
    const deployments = new Map<string, unknown>([deployment("missing", "local", "llama3.2"), deployment("pulled", "local", "sim-small")]);
    const warnings: string[] = [];
    leaveOutUnpulled({ unpulled: [{ model: "missing", providerModel: "llama3.2", host: "http://h:11434" }], unreachable: [] }, deployments, {
      warn: (_fields, message) => warnings.push(message),
    });
    expect([...deployments.keys()]).toEqual(["pulled"]);
    expect(warnings).toEqual([
      "Ollama model llama3.2 (configured as missing) is not pulled on http://h:11434: run `ollama pull llama3.2`; missing is unavailable until the executor restarts",
    ]);
  });
});
