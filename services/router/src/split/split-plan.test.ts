import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { AttemptTrailSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequest, CompleteResponse, StreamCompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { continueTrace, errorReasonOf, runWithRequestContext } from "@switchyard/runtime";
import { beforeEach, describe, expect, it } from "vitest";
import { complete } from "../complete-request.js";
import { streamComplete } from "../stream-complete.js";
import type { FakePeers } from "../test-support/fake-peers.js";
import { createFakePeers, fakeCallCost } from "../test-support/fake-peers.js";

let peers: FakePeers;
beforeEach(async () => {
  peers = await createFakePeers();
  Object.assign(peers.deps, { maxPromptChars: 200_000 });
  peers.predictions.set("tiny", [0.8, 0.9]).set("small", [0.85, 0.9]).set("medium", [0.9, 0.9]).set("large", [0.95, 0.9]);
});

type Init = Exclude<MessageInitShape<typeof CompleteRequestSchema>, CompleteRequest>;
const handler = { signal: new AbortController().signal, timeoutMs: () => undefined } as unknown as HandlerContext;
const context = () => ({ requestId: `req-${Math.random().toString(36).slice(2)}`, trace: continueTrace(undefined), tenant: "acme", apiKeyId: undefined });

/** Paragraphs about tides: `count` of them, about 60 tokens each. */
const documentOf = (count: number) =>
  Array.from({ length: count }, (_, index) => `Section ${index}. The tide rises twice a day. The moon pulls the sea; the sun helps a little.`).join("\n\n");
const question = { role: "system", content: "Summarise the document in one sentence." };

function request(document: string, init: Partial<Init>): CompleteRequest {
  return create(CompleteRequestSchema, { messages: [question, { role: "user", content: document }], ...init });
}
function unary(document: string, init: Partial<Init>): Promise<CompleteResponse> {
  return runWithRequestContext(context(), () => complete(peers.deps, request(document, init), handler));
}
function failure(document: string, init: Partial<Init>): Promise<ConnectError> {
  return unary(document, init).then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
}
const pinnedTiny = { strategy: { kind: { case: "pinned" as const, value: { model: "tiny" } } } };
const split = (chunkTokens = 300, overlapTokens = 20) => ({ split: { enabled: true, chunkTokens, overlapTokens } });

describe("split: map-reduce over a long input", () => {
  it("answers every chunk, combines the answers in one call, and itemises and holds every call", async () => {
    peers.behaviour.set("tiny", (call) =>
      call.messages.some((message) => message.content.startsWith("This is part")) ? `gist ${peers.generated.length}` : "combined",
    );
    const response = await unary(documentOf(40), { ...pinnedTiny, ...split() });
    const maps = peers.generated.slice(0, -1);
    const reduce = peers.generated.at(-1)!;
    expect(maps.length).toBeGreaterThanOrEqual(4);
    expect(response).toMatchObject({ answer: "combined", model: "tiny", strategy: "split/pinned" });
    expect(response.routingDecision?.split).toMatchObject({ chunks: maps.length, chunkTokens: 300, overlapTokens: 20 });
    // Each chunk call keeps the question and carries its part; the combine call reads every part's answer.
    for (const [index, map] of maps.entries()) {
      expect(map.messages[0]?.content).toBe(question.content);
      expect(map.messages[1]?.content).toMatch(new RegExp(`^This is part ${index + 1} of ${maps.length} `));
      expect(map.params?.maxOutputTokens).toBeGreaterThan(0);
    }
    for (const answer of maps.map((_, index) => `gist ${index + 1}`)) expect(reduce.messages[1]?.content).toContain(answer);
    // Every call is an attempt, billed; the total is their sum.
    expect(response.attempts).toHaveLength(maps.length + 1);
    expect(response.totalCostNanoUsd).toBe(BigInt(maps.length + 1) * fakeCallCost.tiny!);
    // The hold covered every call that was sent, at its worst case.
    const worstCases = peers.generated.map((call) => peers.deps.pricing.estimate("tiny", call.messages, call.params?.maxOutputTokens ?? 1024).maxCostNanoUsd);
    expect(peers.reserved).toHaveLength(1);
    expect(peers.reserved[0]!.estimatedMaxCostNanoUsd).toBeGreaterThanOrEqual(worstCases.reduce((sum, cost) => sum + cost, 0n));
  });

  it("cuts to the chosen model's window when chunk_tokens is zero, and cheapest chooses by price and bar, not by window", async () => {
    // About 5,500 tokens: more than tiny's 4,096-token window, well inside medium's.
    const document = documentOf(240);
    const strategy = { kind: { case: "cheapest" as const, value: { candidates: ["tiny", "medium"], minQuality: 0.7 } } };
    expect((await unary(document, { strategy })).model).toBe("medium");
    peers.generated.length = 0;
    const response = await unary(document, { strategy, split: { enabled: true } });
    expect(response).toMatchObject({ model: "tiny", strategy: "split/cheapest" });
    const decision = response.routingDecision?.split;
    expect(decision?.chunks).toBeGreaterThanOrEqual(2);
    expect(decision?.chunkTokens).toBeLessThan(4096);
    expect(decision?.overlapTokens).toBe(Math.floor(decision!.chunkTokens / 20));
    for (const call of peers.generated) {
      expect(peers.deps.pricing.estimate("tiny", call.messages, 0).inputTokens + (call.params?.maxOutputTokens ?? 0)).toBeLessThanOrEqual(4096);
    }
  });

  it("answers an input that fits one chunk with one ordinary call", async () => {
    const response = await unary(documentOf(2), { ...pinnedTiny, ...split() });
    expect(peers.generated).toHaveLength(1);
    expect(peers.generated[0]!.messages[1]?.content).toBe(documentOf(2));
    expect(response.routingDecision?.split?.chunks).toBe(1);
  });

  it("streams the combine call after answering the chunks, the same plan and hold as Complete", async () => {
    peers.behaviour.set("tiny", (call) => (call.messages[1]?.content.startsWith("This is part") ? "gist" : "the tides, combined"));
    const whole = await unary(documentOf(40), { ...pinnedTiny, ...split() });
    const unaryHold = peers.reserved[0]!.estimatedMaxCostNanoUsd;
    peers.generated.length = 0;
    peers.reserved.length = 0;
    const events = await runWithRequestContext(context(), async () => {
      const seen: StreamCompleteResponse[] = [];
      for await (const event of streamComplete(peers.deps, request(documentOf(40), { ...pinnedTiny, ...split() }), handler)) seen.push(event);
      return seen;
    });
    expect(events.map((event) => event.event.case)).toEqual(["start", "delta", "delta", "delta", "completed"]);
    const deltas = events.flatMap((event) => (event.event.case === "delta" ? [event.event.value.text] : []));
    expect(deltas.join("")).toBe("the tides, combined");
    // The stream went out only after every chunk was answered: the streamed call is the combine call.
    expect(peers.generated.at(-1)?.messages[1]?.content).toMatch(/^The input was too long to read at once/);
    const last = events.at(-1)?.event;
    const completed = last?.case === "completed" ? last.value : undefined;
    expect(completed).toMatchObject({ strategy: "split/pinned", answer: "the tides, combined" });
    expect(completed?.attempts).toHaveLength(whole.attempts.length);
    expect(peers.reserved[0]!.estimatedMaxCostNanoUsd).toBe(unaryHold);
  });

  it("fails the request when a chunk's call fails, without combining, every attempt in the trail", async () => {
    peers.behaviour.set("tiny", (call) =>
      call.messages[1]?.content.startsWith("This is part 2 of") ? new ConnectError("simulated: down", Code.Unavailable) : "gist",
    );
    peers.deps.routing.batchConcurrency = 1;
    const error = await failure(documentOf(40), { ...pinnedTiny, ...split() });
    expect(error.code).toBe(Code.Unavailable);
    expect(peers.generated.map((call) => call.messages[1]?.content.slice(0, 15))).toEqual(["This is part 1 ", "This is part 2 "]);
    expect(error.findDetails(AttemptTrailSchema)[0]?.attempts).toHaveLength(2);
  });

  it("refuses chunks too large for the model's window, and a window too small for the combine call: FAILED_PRECONDITION naming the sizes", async () => {
    const large = await failure(documentOf(200), { ...pinnedTiny, ...split(5000, 0) });
    expect(large.code).toBe(Code.FailedPrecondition);
    expect(large.rawMessage).toMatch(
      /split\.chunk_tokens: a chunk call of up to \d+ tokens \(chunks of 5000\) leaves no room for its answer in tiny's 4096-token window/,
    );
    // Hundreds of 32-token chunks: their answers cannot all fit one 4,096-token combine call.
    const many = await failure(documentOf(600), { ...pinnedTiny, ...split(32, 0) });
    expect(many.code).toBe(Code.FailedPrecondition);
    expect(many.rawMessage).toMatch(/tiny has a 4096-token window: \d+ chunks .* tokens per chunk answer for the combine call/);
    expect(peers.generated).toHaveLength(0);
  });

  it("refuses, before calling anything, a budget that cannot hold every chunk and the combine call", async () => {
    // Room for the first chunk calls (about 60,000 nano-USD each at tiny's price) but not all of them.
    peers.budgetRemaining = 150_000n;
    const error = await failure(documentOf(40), { ...pinnedTiny, ...split() });
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toMatch(/the split needs \d+ chunk calls and a combine call, the budget holds [1-9]\d* of \d+/);
    expect(peers.generated).toHaveLength(0);
  });
  it("refuses, before calling anything, a max_cost below the worst case of every call", async () => {
    const error = await failure(documentOf(40), { ...pinnedTiny, ...split(), maxCostNanoUsd: 150_000n });
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.rawMessage).toMatch(/^max_cost: the split's \d+ calls to "tiny" may cost up to \d+ nano-USD, past the request's limit of 150000/);
    expect(errorReasonOf(error)).toBe(ErrorReason.MAX_COST_EXCEEDED);
    expect(peers.generated).toHaveLength(0);
  });
});

describe("split: refusals name the field", () => {
  const cases: [string, Partial<Init>, RegExp][] = [
    ["overlap as large as the chunk", { ...pinnedTiny, ...split(100, 100) }, /^split\.overlap_tokens: must be less than split\.chunk_tokens/],
    ["a chunk too small to answer from", { ...pinnedTiny, ...split(8, 0) }, /^split\.chunk_tokens: must be 0 .* or at least 32/],
    [
      "a strategy that compares whole answers",
      { ...split(), strategy: { kind: { case: "ensemble", value: { models: ["tiny", "small"] } } } },
      /^split: not supported with strategy "ensemble"/,
    ],
    [
      "tools",
      { ...pinnedTiny, ...split(), params: { tools: [{ name: "lookup", parameters: { type: "object" } }] } },
      /^split: cannot be combined with params\.tools/,
    ],
  ];
  for (const [name, init, message] of cases) {
    it(`${name}: INVALID_ARGUMENT, nothing called`, async () => {
      const error = await failure(documentOf(40), init);
      expect(error.code).toBe(Code.InvalidArgument);
      expect(error.rawMessage).toMatch(message);
      expect(peers.generated).toHaveLength(0);
    });
  }
});
