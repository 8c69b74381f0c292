import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { CompleteRequestSchema, StrategySchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequest, CompleteResponse, StreamCompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { continueTrace, runWithRequestContext } from "@switchyard/runtime";
import { beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { complete } from "../complete-request.js";
import { autoStrategy } from "../strategies/auto-strategy.js";
import { cascadeStrategy } from "../strategies/cascade-strategy.js";
import { cheapestStrategy } from "../strategies/cheapest-strategy.js";
import { critiqueStrategy } from "../strategies/critique-strategy.js";
import { ensembleStrategy } from "../strategies/ensemble-strategy.js";
import { pinnedStrategy } from "../strategies/pinned-strategy.js";
import { streamComplete } from "../stream-complete.js";
import type { FakePeers } from "../test-support/fake-peers.js";
import { createFakePeers } from "../test-support/fake-peers.js";
import type { StrategyCase, StrategyRegistry } from "./strategy-contract.js";
import { strategies } from "./strategy-registry.js";

let peers: FakePeers;
let selectorCalls: number;
beforeEach(async () => {
  peers = await createFakePeers();
  peers.predictions.set("tiny", [0.5, 0.9]).set("small", [0.75, 0.9]).set("medium", [0.85, 0.9]).set("large", [0.95, 0.9]);
  selectorCalls = 0;
  const score = peers.deps.selector.score.bind(peers.deps.selector);
  Object.assign(peers.deps.selector, { score: (...args: Parameters<typeof score>) => ((selectorCalls += 1), score(...args)) });
});

type Init = Exclude<MessageInitShape<typeof CompleteRequestSchema>, CompleteRequest>;
const handler = { signal: new AbortController().signal, timeoutMs: () => undefined } as unknown as HandlerContext;
const context = () => ({ requestId: `req-${Math.random().toString(36).slice(2)}`, trace: continueTrace(undefined), tenant: "acme", apiKeyId: undefined });
const request = (init: Partial<Init>): CompleteRequest => create(CompleteRequestSchema, { messages: [{ role: "user", content: "Explain tides." }], ...init });

function unary(init: Partial<Init>): Promise<CompleteResponse> {
  return runWithRequestContext(context(), () => complete(peers.deps, request(init), handler));
}

async function streamed(init: Partial<Init>): Promise<CompleteResponse> {
  return runWithRequestContext(context(), async () => {
    let last: StreamCompleteResponse | undefined;
    for await (const event of streamComplete(peers.deps, request(init), handler)) last = event;
    if (last?.event.case !== "completed") throw new Error("the stream did not complete");
    return last.event.value;
  });
}

describe("the strategy registry", () => {
  it("has exactly one strategy for every case of the proto's Strategy oneof", () => {
    const protoCases = StrategySchema.oneofs.find((oneof) => oneof.name === "kind")!.fields.map((field) => field.localName);
    expect(Object.keys(strategies).sort()).toEqual([...protoCases].sort());
    expectTypeOf<keyof typeof strategies>().toEqualTypeOf<StrategyCase>();
  });

  it("does not compile without a strategy for a case (checked by tsc over this file)", () => {
    // @ts-expect-error: the registry type requires `auto`, like every case of the oneof.
    const incomplete: StrategyRegistry = {
      pinned: pinnedStrategy,
      cheapest: cheapestStrategy,
      cascade: cascadeStrategy,
      ensemble: ensembleStrategy,
      critique: critiqueStrategy,
    };
    // @ts-expect-error: and a strategy may only stand for its own case.
    const mismatched: StrategyRegistry = { ...strategies, auto: pinnedStrategy };
    expect([incomplete, mismatched].every((registry) => typeof registry === "object")).toBe(true);
    expect(strategies.auto).toBe(autoStrategy);
  });
});

describe("plan → budget → execute", () => {
  it("a cascade with critics holds budget for every answer and every critique it may make", async () => {
    const response = await unary({ strategy: { kind: { case: "cascade", value: { chain: ["tiny", "small"], critics: ["medium"], threshold: 0.99 } } } });
    const reserved = peers.reserved[0]!.estimatedMaxCostNanoUsd;
    const answers = ["tiny", "small"].reduce((sum, model) => sum + peers.deps.pricing.estimate(model, request({}).messages, 1024).maxCostNanoUsd, 0n);
    // Two rungs each critiqued by "medium": the hold is more than the answers alone by two critiques.
    expect(reserved).toBeGreaterThan(answers);
    const critique = (reserved - answers) / 2n;
    expect(critique).toBeGreaterThan(peers.deps.pricing.estimate("medium", request({}).messages, 512).maxCostNanoUsd);
    expect(response.critiques.length).toBeGreaterThan(0);
  });

  it("an ensemble with a judge holds budget for the members and the judge", async () => {
    await unary({ strategy: { kind: { case: "ensemble", value: { models: ["tiny", "small"], aggregator: "large" } } } });
    const members = ["tiny", "small"].reduce((sum, model) => sum + peers.deps.pricing.estimate(model, request({}).messages, 1024).maxCostNanoUsd, 0n);
    const judgeFloor = peers.deps.pricing.estimate("large", request({}).messages, 512).maxCostNanoUsd;
    expect(peers.reserved[0]!.estimatedMaxCostNanoUsd).toBeGreaterThan(members + judgeFloor);
  });

  it("a budget that cannot hold the judge runs the first member alone, unjudged, and says so in its confidence", async () => {
    const first = peers.deps.pricing.estimate("tiny", request({}).messages, 1024).maxCostNanoUsd;
    peers.budgetRemaining = first;
    const response = await unary({ strategy: { kind: { case: "ensemble", value: { models: ["tiny", "small"], aggregator: "large" } } } });
    expect(peers.generated.map((call) => call.model)).toEqual(["tiny"]);
    expect(response).toMatchObject({ model: "tiny", confidence: 0 });
  });

  it("an unknown strategy case is INVALID_ARGUMENT, never run as auto", async () => {
    const unknown = create(CompleteRequestSchema, { messages: [{ role: "user", content: "hi" }] });
    Object.assign(unknown, { strategy: { $typeName: "switchyard.v1.Strategy", kind: { case: "lottery", value: {} } } });
    const failure = await runWithRequestContext(context(), () => complete(peers.deps, unknown, handler)).then(
      () => undefined,
      (error: unknown) => ConnectError.from(error),
    );
    expect(failure?.code).toBe(Code.InvalidArgument);
    expect(failure?.rawMessage).toMatch(/strategy: unknown strategy "lottery"/);
    expect(peers.generated).toHaveLength(0);
  });
});

describe("StreamComplete and Complete run the same plan", () => {
  const cases: Record<string, Partial<Init>> = {
    pinned: { strategy: { kind: { case: "pinned", value: { model: "small" } } } },
    cheapest: { strategy: { kind: { case: "cheapest", value: { minQuality: 0.8 } } } },
    "auto (unsure: a cascade)": {},
    "auto (sure: one call)": { strategy: { kind: { case: "auto", value: { minQuality: 0.6 } } } },
    cascade: { strategy: { kind: { case: "cascade", value: { chain: ["tiny", "medium"], threshold: 0.8 } } } },
  };

  for (const [name, init] of Object.entries(cases)) {
    it(`${name}: same strategy label, models, hold and selector calls`, async () => {
      if (name.startsWith("auto (sure")) peers.predictions.set("small", [0.95, 0.95]);
      const whole = await unary(init);
      const wholeCalls = {
        reserved: peers.reserved.map((each) => each.estimatedMaxCostNanoUsd),
        models: peers.generated.map((call) => call.model),
        selector: selectorCalls,
      };
      peers.reserved.length = 0;
      peers.generated.length = 0;
      selectorCalls = 0;
      const stream = await streamed(init);
      expect(stream.strategy).toBe(whole.strategy);
      expect(stream.model).toBe(whole.model);
      expect({
        reserved: peers.reserved.map((each) => each.estimatedMaxCostNanoUsd),
        models: peers.generated.map((call) => call.model),
        selector: selectorCalls,
      }).toEqual(wholeCalls);
      expect(selectorCalls).toBeLessThanOrEqual(1);
    });
  }

  it("a confident auto streams (auto/cheapest) and an unsure one buffers a cascade", async () => {
    peers.predictions.set("small", [0.95, 0.95]);
    expect((await streamed({ strategy: { kind: { case: "auto", value: { minQuality: 0.6 } } } })).strategy).toBe("auto/cheapest");
    peers.predictions.set("small", [0.75, 0.5]);
    expect((await streamed({})).strategy).toBe("auto/cascade");
  });
});
