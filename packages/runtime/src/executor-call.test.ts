import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import { AttemptOutcome, AttemptTrailSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ExecutorService, GenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { GenerateRequest, GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { describe, expect, it } from "vitest";
import { callExecutor } from "./executor-call.js";

function executorAnswering(generate: (request: GenerateRequest) => GenerateResponse) {
  return createClient(
    ExecutorService,
    createRouterTransport(({ service }) => service(ExecutorService, { generate })),
  );
}

describe("calling the executor", () => {
  it("returns the answer with its attempts and cost", async () => {
    const executor = executorAnswering((request) =>
      create(GenerateResponseSchema, {
        text: "hi",
        model: request.model,
        costNanoUsd: 7n,
        attempts: [{ model: request.model, outcome: AttemptOutcome.SUCCEEDED, costNanoUsd: 7n, billed: true }],
      }),
    );
    const outcome = await callExecutor(executor, { model: "m" }, {});
    expect(outcome.ok && outcome.response.text).toBe("hi");
    expect(outcome.attempts.map((attempt) => attempt.outcome)).toEqual([AttemptOutcome.SUCCEEDED]);
    expect(outcome.costNanoUsd).toBe(7n);
  });

  it("returns a failure, never throws, with the billed attempts its error carries", async () => {
    const executor = executorAnswering((request) => {
      const trail = create(AttemptTrailSchema, {
        attempts: [{ model: request.model, outcome: AttemptOutcome.FAILED, errorCode: "unavailable", costNanoUsd: 3n, billed: true }],
      });
      throw new ConnectError("provider: overloaded", Code.Unavailable, undefined, [{ desc: AttemptTrailSchema, value: trail }]);
    });
    const outcome = await callExecutor(executor, { model: "m" }, {});
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe(Code.Unavailable);
    expect(outcome.attempts.map((attempt) => attempt.costNanoUsd)).toEqual([3n]);
    expect(outcome.costNanoUsd).toBe(3n);
  });

  it("itemises one unbilled attempt when the error carries none", async () => {
    const executor = executorAnswering(() => {
      throw new ConnectError("no executor", Code.Unavailable);
    });
    const outcome = await callExecutor(executor, { model: "m" }, {});
    expect(outcome.attempts).toMatchObject([{ model: "m", outcome: AttemptOutcome.FAILED, errorCode: "unavailable", billed: false }]);
    expect(outcome.costNanoUsd).toBe(0n);
  });
});
