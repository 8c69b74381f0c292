import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { status as GrpcStatus } from "@grpc/grpc-js";
import { meshTokenHeader } from "./support/mesh-headers.js";
import type { RunningStack } from "@switchyard/stack";
import { writeReplayConfig } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UnaryCaller } from "./support/grpc-js-client.js";
import { grpcJsClient } from "./support/grpc-js-client.js";
import { repositoryRoot, startTestStack } from "./support/stack-fixture.js";

// One stack serves both halves of this file (starting a stack is the slow part of a system
// test): the simulator runs in replay mode with a small fixture, and the default simulated
// models (sim-small, sim-medium, sim-large) act as critics and judges.

interface Attempt {
  attemptId: string;
  model: string;
  costNanoUsd: string;
  simulated: boolean;
}
interface Critique {
  criticModel: string;
  status: string;
  score: number;
  verdict: string;
  issues: string[];
  confidence: number;
  errorMessage: string;
  attempts: Attempt[];
  costNanoUsd: string;
}
interface CritiqueResponse {
  critiques: Critique[];
  aggregateScore: number;
  consensus: number;
  totalCostNanoUsd: string;
  succeeded: number;
  failed: number;
}
interface JudgeResponse {
  bestIndex: number;
  ranking: { index: number; model: string; score: number; rank: number }[];
  judgeModel: string;
  rationale: string;
  attempts: Attempt[];
  costNanoUsd: string;
  fallbacks: { judgeModel: string; status: string }[];
}
interface CompleteResponse {
  answer: string;
  model: string;
  usage: { inputTokens: string; outputTokens: string };
  simulated: boolean;
}

const replayFixture = join(repositoryRoot, "tools/provider-sim/fixtures/replay-small.jsonl");

let stack: RunningStack;
let critic: UnaryCaller;
let router: UnaryCaller;
let ledger: UnaryCaller;

beforeAll(async () => {
  const configPath = join(mkdtempSync(join(tmpdir(), "switchyard-replay-")), "switchyard.yaml");
  writeReplayConfig(join(repositoryRoot, "config/switchyard.yaml"), [replayFixture], configPath);
  // A wide response margin: on a loaded machine partial results must still beat the caller's deadline.
  stack = await startTestStack({ configPath, simReplay: [replayFixture], serviceEnv: { critic: { CRITIC_RESPONSE_MARGIN_MS: "1500" } } });
  critic = grpcJsClient("switchyard.v1.CriticService", stack.urls.critic, { [meshTokenHeader]: stack.meshToken });
  router = grpcJsClient("switchyard.v1.RouterService", stack.urls.router);
  ledger = grpcJsClient("switchyard.v1.LedgerService", stack.urls.ledger);
}, 120_000);

afterAll(async () => {
  for (const client of [critic, router, ledger]) client?.close();
  await stack?.stop();
}, 60_000);

const ask = (content: string) => [{ role: "user", content }];
const critiqueOf = (content: string, critics: string[]) => ({ messages: ask(content), answer: "4", answerModel: "sim-small", critics });

async function ledgerTotal(): Promise<bigint> {
  const report = await ledger.call<{ total: { costNanoUsd: string } }>("Report", {});
  return BigInt(report.total.costNanoUsd);
}

describe("CriticService through the real stack and the simulator", () => {
  it("returns one structured critique per critic, deterministic, priced and booked in the ledger", async () => {
    const before = await ledgerTotal();
    const request = critiqueOf(`What is 2 + 2? ${randomUUID()}`, ["sim-small", "sim-medium", "sim-large"]);
    const response = await critic.call<CritiqueResponse>("Critique", request);
    expect(response).toMatchObject({ succeeded: 3, failed: 0 });
    for (const item of response.critiques) {
      expect(item.status).toBe("CRITIQUE_STATUS_OK");
      expect(item.score).toBeGreaterThanOrEqual(0);
      expect(item.score).toBeLessThanOrEqual(1);
      expect(["VERDICT_ACCEPT", "VERDICT_REVISE", "VERDICT_REJECT"]).toContain(item.verdict);
      expect(item.attempts[0]).toMatchObject({ model: item.criticModel, simulated: true });
      expect(BigInt(item.costNanoUsd)).toBeGreaterThan(0n);
    }
    const total = response.critiques.reduce((sum, item) => sum + BigInt(item.costNanoUsd), 0n);
    expect(BigInt(response.totalCostNanoUsd)).toBe(total);
    const again = await critic.call<CritiqueResponse>("Critique", request);
    expect(again.critiques.map((item) => item.score)).toEqual(response.critiques.map((item) => item.score));
    await expect.poll(ledgerTotal, { timeout: 10_000 }).toBe(before + 2n * total);
  });

  it("keeps partial results when a critic stalls past the deadline, fails, or answers malformed", async () => {
    const prompt = [
      `Is the sky green? ${randomUUID()}`,
      "[[sim:stall model=sim-medium]] [[sim:bad_output model=sim-large]] [[sim:bad_output model=sim-small times=1]] [[sim:bad_key model=sim-ollama]]",
    ].join(" ");
    const response = await critic.call<CritiqueResponse>("Critique", critiqueOf(prompt, ["sim-small", "sim-medium", "sim-large", "sim-ollama"]), {
      deadlineMs: 6_000,
    });
    const status = Object.fromEntries(response.critiques.map((item) => [item.criticModel, item.status]));
    expect(status).toEqual({
      "sim-small": "CRITIQUE_STATUS_OK",
      "sim-medium": "CRITIQUE_STATUS_TIMED_OUT",
      "sim-large": "CRITIQUE_STATUS_MALFORMED",
      "sim-ollama": "CRITIQUE_STATUS_FAILED",
    });
    const byModel = Object.fromEntries(response.critiques.map((item) => [item.criticModel, item]));
    expect(byModel["sim-small"]?.attempts).toHaveLength(2);
    expect(byModel["sim-large"]?.attempts).toHaveLength(2);
    expect(byModel["sim-large"]?.score).toBe(0);
    expect(response).toMatchObject({ succeeded: 1, failed: 3, consensus: 1 });
    expect(response.aggregateScore).toBeCloseTo(byModel["sim-small"]?.score ?? -1, 10);
    // The stalled provider call was cancelled when the critic's deadline passed.
    await expect
      .poll(async () => ((await (await fetch(`${stack.urls.sim}/_sim/stats`)).json()) as Record<string, { aborted: number }>)["sim-medium"]?.aborted ?? 0, {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(1);
  }, 30_000);

  it("counts its feedback to the selector without failing the critique, whether or not the selector takes it", async () => {
    await critic.call<CritiqueResponse>("Critique", critiqueOf(`Name a prime. ${randomUUID()}`, ["sim-small"]));
    const delivered = async (): Promise<number> => {
      const text = await (await fetch(`http://127.0.0.1:${stack.ports.metrics.critic}/metrics`)).text();
      return [...text.matchAll(/^critic_feedback_total\{[^}]*outcome="(?:sent|failed)"[^}]*\} (\d+)/gm)].reduce((sum, match) => sum + Number(match[1]), 0);
    };
    await expect.poll(delivered, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
  });

  it("ranks candidates with a judge, and falls back to the next judge when one answers malformed", async () => {
    const candidates = [
      { model: "sim-small", answer: "5" },
      { model: "sim-medium", answer: "4" },
      { model: "sim-large", answer: "four" },
    ];
    const ranked = await critic.call<JudgeResponse>("Judge", {
      messages: ask(`What is 2 + 2? ${randomUUID()}`),
      candidates,
      judges: ["sim-large"],
      mode: "JUDGE_MODE_RANK",
    });
    expect(ranked.judgeModel).toBe("sim-large");
    expect(ranked.ranking.map((entry) => entry.index).sort()).toEqual([0, 1, 2]);
    expect(ranked.ranking.map((entry) => entry.rank)).toEqual([1, 2, 3]);
    expect(ranked.bestIndex).toBe(ranked.ranking[0]?.index);
    const picked = await critic.call<JudgeResponse>("Judge", {
      messages: ask(`What is 3 + 3? ${randomUUID()} [[sim:bad_output model=sim-large]]`),
      candidates,
      judges: ["sim-large", "sim-medium"],
      mode: "JUDGE_MODE_PICK",
    });
    expect(picked.judgeModel).toBe("sim-medium");
    expect(picked.fallbacks).toEqual([expect.objectContaining({ judgeModel: "sim-large", status: "CRITIQUE_STATUS_MALFORMED" })]);
    expect(picked.attempts.map((attempt) => attempt.model)).toEqual(["sim-large", "sim-large", "sim-medium"]);
    expect(picked.ranking).toHaveLength(1);
  });

  it("refuses bad input with the right code and a clear message", async () => {
    const noCritics = await critic.call("Critique", critiqueOf("hi", [])).catch((caught: unknown) => caught);
    expect(noCritics).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, details: "critics: at least one model is required" });
    const unknown = await critic.call("Critique", critiqueOf("hi", ["gpt-9"])).catch((caught: unknown) => caught);
    expect(unknown).toMatchObject({ code: GrpcStatus.NOT_FOUND, details: 'critics[0]: unknown model "gpt-9"' });
    const noCandidates = await critic.call("Judge", { messages: ask("hi"), candidates: [], judges: ["sim-large"] }).catch((caught: unknown) => caught);
    expect(noCandidates).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, details: "candidates: at least one candidate is required" });
  });
});

describe("the simulator's replay mode through the real stack", () => {
  it("answers a recorded prompt with the model's recorded response and token counts", async () => {
    const response = await router.call<CompleteResponse>("Complete", {
      messages: ask("What is the capital of France?\nAnswer:"),
      strategy: { pinned: { model: "acme/tiny-7b" } },
    });
    expect(response).toMatchObject({ answer: "Paris, of course.", model: "acme/tiny-7b", simulated: true, usage: { inputTokens: "11", outputTokens: "3" } });
    const other = await router.call<CompleteResponse>("Complete", { messages: ask("What  is 2 + 2?"), strategy: { pinned: { model: "big-model-v2" } } });
    expect(other.answer).toBe("4");
  });

  it("answers a prompt that is not in the files with the deterministic default answer", async () => {
    const request = { messages: ask("Never recorded anywhere"), strategy: { pinned: { model: "acme/tiny-7b" } } };
    const first = await router.call<CompleteResponse>("Complete", request);
    expect(first.answer).toMatch(/^\[simulated acme\/tiny-7b\]/);
    expect((await router.call<CompleteResponse>("Complete", request)).answer).toBe(first.answer);
  });

  it("lets a replayed model act as a critic", async () => {
    const response = await critic.call<CritiqueResponse>("Critique", critiqueOf(`What is 2 + 2? ${randomUUID()}`, ["big-model-v2"]));
    expect(response.critiques[0]).toMatchObject({ criticModel: "big-model-v2", status: "CRITIQUE_STATUS_OK" });
  });

  it("describes what it replays at /_sim/replay", async () => {
    const summary = (await (await fetch(`${stack.urls.sim}/_sim/replay`)).json()) as { prompts: number; models: Record<string, unknown> };
    expect(summary.prompts).toBe(2);
    expect(Object.keys(summary.models)).toEqual(["acme/tiny-7b", "big-model-v2", "quiet-model"]);
  });
});
