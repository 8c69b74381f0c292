import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { AttemptTrailSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CompleteBatchRequestSchema, CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteBatchResponse, StreamCompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { continueTrace, runWithRequestContext } from "@switchyard/runtime";
import { beforeEach, describe, expect, it } from "vitest";
import { completeBatch } from "./complete-batch.js";
import { streamComplete } from "./stream-complete.js";
import type { FakePeers } from "./test-support/fake-peers.js";
import { createFakePeers } from "./test-support/fake-peers.js";

let peers: FakePeers;
beforeEach(async () => {
  peers = await createFakePeers();
  peers.predictions.set("tiny", [0.5, 0.9]).set("small", [0.75, 0.9]).set("medium", [0.85, 0.9]).set("large", [0.95, 0.9]);
});

const handler = { signal: new AbortController().signal, timeoutMs: () => undefined } as unknown as HandlerContext;

async function collect<T>(source: () => AsyncIterable<T>): Promise<{ events: T[]; error?: ConnectError }> {
  const context = { requestId: "req-1", trace: continueTrace(undefined), tenant: "acme", apiKeyId: undefined };
  const events: T[] = [];
  try {
    await runWithRequestContext(context, async () => {
      for await (const event of source()) events.push(event);
    });
    return { events };
  } catch (error) {
    return { events, error: ConnectError.from(error) };
  }
}

const stream = (strategy: object) =>
  collect<StreamCompleteResponse>(() =>
    streamComplete(peers.deps, create(CompleteRequestSchema, { messages: [{ role: "user", content: "Tell me a story." }], strategy }), handler),
  );
const deltas = (events: StreamCompleteResponse[]): string => events.flatMap((event) => (event.event.case === "delta" ? [event.event.value.text] : [])).join("");

describe("StreamComplete", () => {
  it("streams deltas, then the full response", async () => {
    const { events, error } = await stream({ kind: { case: "pinned", value: { model: "small" } } });
    expect(error).toBeUndefined();
    expect(events[0]?.event.case).toBe("start");
    expect(events.filter((event) => event.event.case === "delta").length).toBeGreaterThan(1);
    const last = events.at(-1)!;
    expect(last.event.case === "completed" && last.event.value.answer).toBe(deltas(events));
  });

  it("fails over before the first token", async () => {
    peers.behaviour.set("small", new ConnectError("down", Code.Unavailable));
    const { events, error } = await stream({ kind: { case: "cheapest", value: { minQuality: 0.7 } } });
    expect(error).toBeUndefined();
    const last = events.at(-1)!;
    expect(last.event.case === "completed" && last.event.value.model).toBe("medium");
    expect(events.filter((event) => event.event.case === "start")).toHaveLength(1);
  });

  it("ends the stream with the provider's status after the first token, never switching models", async () => {
    peers.cutAfter.set("small", 2);
    const { events, error } = await stream({ kind: { case: "cheapest", value: { minQuality: 0.7 } } });
    expect(deltas(events)).toBe("answer from");
    expect(error?.code).toBe(Code.Unavailable);
    expect(peers.generated.map((request) => request.model)).toEqual(["small"]);
    expect(error?.findDetails(AttemptTrailSchema)[0]?.attempts[0]?.costNanoUsd).toBe(50n);
  });

  it("sends a cascade's checked answer once it is chosen", async () => {
    const { events } = await stream({ kind: { case: "cascade", value: { chain: ["tiny", "small"], threshold: 0.6 } } });
    const last = events.at(-1)!;
    expect(last.event.case === "completed" && last.event.value.model).toBe("small");
    expect(deltas(events)).toBe("answer from small");
  });
});

describe("CompleteBatch", () => {
  it("streams every item's result with its index, failures included", async () => {
    peers.behaviour.set("large", new ConnectError("down", Code.Unavailable));
    const items = ["small", "large", "tiny"].map((model) => ({
      messages: [{ role: "user", content: "hi" }],
      strategy: { kind: { case: "pinned" as const, value: { model } } },
    }));
    const { events } = await collect<CompleteBatchResponse>(() =>
      completeBatch(peers.deps, create(CompleteBatchRequestSchema, { items, maxConcurrency: 2 }), handler),
    );
    expect(events.map((event) => event.index).sort()).toEqual([0, 1, 2]);
    const byIndex = new Map(events.map((event) => [event.index, event.result]));
    expect(byIndex.get(0)).toMatchObject({ case: "response", value: { model: "small" } });
    expect(byIndex.get(1)).toMatchObject({ case: "error", value: { code: "unavailable" } });
    expect(new Set(peers.reserved.map((reservation) => reservation.requestId))).toEqual(new Set(["req-1/0", "req-1/1", "req-1/2"]));
  });
});
