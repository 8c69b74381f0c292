import { startSimServer } from "@switchyard/provider-sim";
import type { RunningSim, SimModel } from "@switchyard/provider-sim";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { afterAll, beforeAll } from "vitest";
import type { ExecutorHarness } from "./executor-harness.js";
import { createMemoryCostSink, startExecutorHarness } from "./executor-harness.js";
import { faultConfig, faultSimModels } from "./fault-fixture.js";

/** A simulator and an executor for one fault-matrix file, started before its tests and stopped after. */
export interface FaultMatrixSuite {
  readonly sim: RunningSim;
  readonly executor: ExecutorHarness;
  /** Cost events of one model, in publication order. */
  eventsOf(model: string): CostEvent[];
}

/** Registers the suite's set-up and tear-down; `tune` adjusts simulated models (a slow one for cancellation). */
export function useFaultMatrix(models: Record<string, string>, tune: (model: SimModel) => SimModel = (model) => model): FaultMatrixSuite {
  const costs = createMemoryCostSink();
  let sim: RunningSim | undefined;
  let executor: ExecutorHarness | undefined;
  beforeAll(async () => {
    sim = await startSimServer({ models: faultSimModels(Object.keys(models)).map(tune) }, "127.0.0.1", 0);
    executor = await startExecutorHarness({ configText: faultConfig(models), simUrl: sim.url, costs });
  });
  afterAll(async () => {
    await executor?.stop();
    await sim?.close();
  });
  return {
    get sim() {
      if (!sim) throw new Error("the suite has not started");
      return sim;
    },
    get executor() {
      if (!executor) throw new Error("the suite has not started");
      return executor;
    },
    eventsOf: (model) => costs.events.filter((event) => event.model === model),
  };
}

/** Calls as tenant acme. */
export const asAcme = { headers: { "x-switchyard-tenant": "acme" } };

/** A one-turn conversation. */
export const ask = (content: string) => [{ role: "user", content }];
