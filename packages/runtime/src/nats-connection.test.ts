import { JetStreamApiError } from "@nats-io/jetstream";
import type { JetStreamManager, StreamConfig } from "@nats-io/jetstream";
import { describe, expect, it } from "vitest";
import { addOrUpdateStream } from "./nats-connection.js";

type Step = "ok" | Error;

/** A stream API that fails `add` as scripted, and records what was called. */
function scriptedManager(addResults: Step[]): { manager: JetStreamManager; calls: string[] } {
  const calls: string[] = [];
  const streams = {
    add: async (config: Partial<StreamConfig>) => {
      calls.push(`add ${config.name}`);
      const step = addResults.shift() ?? "ok";
      if (step !== "ok") throw step;
      return {};
    },
    update: async (name: string) => {
      calls.push(`update ${name}`);
      return {};
    },
  };
  return { manager: { streams } as unknown as JetStreamManager, calls };
}

const apiError = (code: number, description: string): JetStreamApiError =>
  new JetStreamApiError({ code: code === 10058 ? 400 : 404, err_code: code, description });
const named = (name: string): Error => Object.assign(new Error(name), { name });
const config = { name: "COSTS", subjects: ["switchyard.cost.v1.>"], num_replicas: 3 };

describe("addOrUpdateStream", () => {
  it("updates the stream when another replica created it first", async () => {
    const { manager, calls } = scriptedManager([apiError(10058, "stream name already in use with a different configuration")]);
    await addOrUpdateStream(manager, config);
    expect(calls).toEqual(["add COSTS", "update COSTS"]);
  });

  it("tries again after a lost creation race or a cluster without a leader", async () => {
    const { manager, calls } = scriptedManager([apiError(10059, "stream not found"), named("TimeoutError"), named("NoRespondersError")]);
    await addOrUpdateStream(manager, config);
    expect(calls).toEqual(["add COSTS", "add COSTS", "add COSTS", "add COSTS"]);
  });

  it("fails at once on an error that waiting cannot fix, and after the last attempt on one that it could", async () => {
    const invalid = apiError(10052, "replicas > 1 not supported in non-clustered mode");
    await expect(addOrUpdateStream(scriptedManager([invalid]).manager, config)).rejects.toBe(invalid);
    const timeouts = [named("TimeoutError"), named("TimeoutError"), named("TimeoutError")];
    const { manager, calls } = scriptedManager([...timeouts]);
    await expect(addOrUpdateStream(manager, config, 3)).rejects.toMatchObject({ name: "TimeoutError" });
    expect(calls).toHaveLength(3);
  });
});
