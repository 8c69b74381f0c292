import { meshTokenHeader } from "./support/mesh-headers.js";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bufCurl } from "./support/buf-curl.js";
import type { UnaryCaller } from "./support/grpc-js-client.js";
import { grpcJsClient } from "./support/grpc-js-client.js";
import { startTestStack } from "./support/stack-fixture.js";

interface ModelScore {
  model: string;
  predictedQuality: number;
  confidence: number;
  estimatedCostNanoUsd: string;
  source: string;
}
interface ScoreResponse {
  taskType: string;
  complexity: number;
  novelty: number;
  selectorVersion: string;
  scores: ModelScore[];
}

let stack: RunningStack;
let selector: UnaryCaller;

beforeAll(async () => {
  stack = await startTestStack();
  selector = grpcJsClient("switchyard.v1.SelectorService", stack.urls.selector, { [meshTokenHeader]: stack.meshToken });
}, 120_000);

afterAll(async () => {
  selector?.close();
  await stack?.stop();
}, 60_000);

const question = { messages: [{ role: "user", content: "Prove that the square root of 2 is irrational." }] };

describe("selector, as a real process", () => {
  it("scores every configured model with the committed artifact's version", async () => {
    const response = await selector.call<ScoreResponse>("Score", question);
    expect(response.selectorVersion).toMatch(/^f\d+-[0-9a-f]{12}$/);
    expect(response.scores.map((score) => score.model)).toEqual(expect.arrayContaining(["sim-small", "sim-medium", "sim-large", "sim-ollama"]));
    for (const score of response.scores) {
      expect(score.predictedQuality).toBeGreaterThan(0);
      expect(score.predictedQuality).toBeLessThan(1);
      expect(score.source).toBe("prior");
    }
    const price = (model: string): bigint => BigInt(response.scores.find((score) => score.model === model)?.estimatedCostNanoUsd ?? "-1");
    expect(price("sim-large")).toBeGreaterThan(price("sim-small"));
    expect(price("sim-ollama")).toBe(0n);
  });

  it("answers buf curl through reflection", async () => {
    const result = await bufCurl([
      "-H",
      `${meshTokenHeader}: ${stack.meshToken}`,
      "-d",
      JSON.stringify({ ...question, candidateModels: ["gpt-4-1106-preview"] }),
      `${stack.urls.selector}/switchyard.v1.SelectorService/Score`,
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scores: [{ model: "gpt-4-1106-preview", source: "trained" }] });
  });

  it("keeps what feedback taught across a restart of the process", async () => {
    const request = { ...question, candidateModels: ["sim-medium"] };
    const before = (await selector.call<ScoreResponse>("Score", request)).scores[0]!.predictedQuality;
    for (let index = 0; index < 25; index += 1) {
      await selector.call("Feedback", {
        requestId: `e2e-${index}`,
        model: "sim-medium",
        messages: question.messages,
        quality: 1,
        source: "FEEDBACK_SOURCE_CALLER",
      });
    }
    const after = (await selector.call<ScoreResponse>("Score", request)).scores[0]!.predictedQuality;
    expect(after).toBeGreaterThan(before + 0.1);
    expect(await stack.stopService("selector", "SIGTERM")).toBe(0);
    await stack.startService("selector");
    selector.close();
    selector = grpcJsClient("switchyard.v1.SelectorService", stack.urls.selector, { [meshTokenHeader]: stack.meshToken });
    expect((await selector.call<ScoreResponse>("Score", request)).scores[0]!.predictedQuality).toBeCloseTo(after, 9);
  }, 60_000);
});
