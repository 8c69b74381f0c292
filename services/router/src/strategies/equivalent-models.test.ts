import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { loadModelPricing } from "@switchyard/pricing";
import { continueTrace, parseSwitchyardConfig, runWithRequestContext } from "@switchyard/runtime";
import { beforeEach, describe, expect, it } from "vitest";
import { complete } from "../complete-request.js";
import type { RouterDeps } from "../router-deps.js";
import type { FakePeers } from "../test-support/fake-peers.js";
import { createFakePeers } from "../test-support/fake-peers.js";

/** Two deployments of one model at one price (east, west), a cheaper one and a pricier one. */
const config = parseSwitchyardConfig(
  `
providers: { fake: { kind: openai, baseUrl: "http://127.0.0.1:1/v1", simulated: true } }
models:
  budget: { provider: fake, price: { inputPerMillion: "0.50", outputPerMillion: "0.50" } }
  east: { provider: fake, price: { inputPerMillion: "2", outputPerMillion: "2" } }
  west: { provider: fake, price: { inputPerMillion: "2", outputPerMillion: "2" } }
  primary: { provider: fake, priority: 1, price: { inputPerMillion: "2", outputPerMillion: "2" } }
  premium: { provider: fake, price: { inputPerMillion: "10", outputPerMillion: "10" } }
`,
  {},
);
const load = new Map<string, number>();
let peers: FakePeers;
let deps: RouterDeps;
beforeEach(async () => {
  peers = await createFakePeers();
  load.clear();
  deps = {
    ...peers.deps,
    access: { ...peers.deps.access, models: config.models },
    pricing: await loadModelPricing(config),
    load: { loadOf: (model) => load.get(model), begin: () => () => {} },
    random: () => 0.5,
  };
});

function route(kind: "cheapest" | "auto", candidates: string[], minQuality = 0.7): Promise<CompleteResponse> {
  const init: MessageInitShape<typeof CompleteRequestSchema> = {
    messages: [{ role: "user", content: "Explain tides." }],
    strategy: { kind: { case: kind, value: { candidates, minQuality } } },
  };
  const context = { requestId: `req-${Math.random().toString(36).slice(2)}`, trace: continueTrace(undefined), tenant: "acme", apiKeyId: undefined };
  return runWithRequestContext(context, () =>
    complete(deps, create(CompleteRequestSchema, init), { signal: new AbortController().signal, timeoutMs: () => undefined }),
  );
}

describe("equivalent models in cheapest and auto", () => {
  it("cheapest sends the call to the idle one of two equivalent deployments", async () => {
    peers.predictions.set("east", [0.8, 0.9]).set("west", [0.8, 0.9]).set("premium", [0.95, 0.9]);
    load.set("east", 6).set("west", 0);
    expect((await route("cheapest", ["east", "west", "premium"])).model).toBe("west");
    load.set("east", 0).set("west", 6);
    expect((await route("cheapest", ["east", "west", "premium"])).model).toBe("east");
  });

  it("auto's single trusted call goes to the idle equivalent too", async () => {
    peers.predictions.set("east", [0.95, 0.9]).set("west", [0.95, 0.9]);
    load.set("east", 6).set("west", 1);
    const response = await route("auto", ["east", "west"]);
    expect(response).toMatchObject({ model: "west", strategy: "auto/cheapest" });
  });

  it("a higher priority wins over a lighter load", async () => {
    peers.predictions.set("east", [0.8, 0.9]).set("primary", [0.8, 0.9]);
    load.set("primary", 20).set("east", 0);
    expect((await route("cheapest", ["east", "primary"])).model).toBe("primary");
  });

  it("a cheaper model that clears the bar is never displaced by load", async () => {
    peers.predictions.set("budget", [0.8, 0.9]).set("east", [0.8, 0.9]).set("west", [0.8, 0.9]);
    load.set("budget", 50);
    expect((await route("cheapest", ["east", "west", "budget"])).model).toBe("budget");
    expect(peers.generated.map((request) => request.model)).toEqual(["budget"]);
  });
});
