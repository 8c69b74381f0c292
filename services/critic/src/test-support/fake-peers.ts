import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient, createRouterTransport } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { AttemptOutcome, AttemptSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { ExecutorService, GenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { GenerateRequest, GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { FeedbackResponseSchema, SelectorService } from "@switchyard/contracts/switchyard/v1/selector_pb";
import type { FeedbackRequest } from "@switchyard/contracts/switchyard/v1/selector_pb";
import { createContextPropagationInterceptor } from "@switchyard/runtime";

/** The peer clients of main.ts pass request id, trace and tenant on; the fakes' clients do too. */
const asPeer = { transport: { interceptors: [createContextPropagationInterceptor()] } };

/** Cost the fake executor bills per successful call. */
export const callCost = 100n;

/** One call the fake executor received. */
export interface ExecutorCall {
  readonly request: GenerateRequest;
  readonly requestId: string | null;
  /** The deadline the critic gave this call, as the executor saw it. */
  readonly timeoutMs: number | undefined;
  aborted: boolean;
}

/** How a fake model behaves on one call (n counts that model's calls from 1). */
export type FakeModel = (call: ExecutorCall, context: HandlerContext, n: number) => Promise<string>;

/** A reply in the request's format: a critique, or a judgment for the judge tag line. */
export function structuredReply(
  call: ExecutorCall,
  critique: Record<string, unknown>,
  judgment: { pick: Record<string, unknown>; rank: Record<string, unknown> },
): string {
  const tagLine = call.request.messages.find((message) => message.role === "user")?.content.split("\n", 1)[0] ?? "";
  if (tagLine.startsWith("switchyard-judge/v1 mode=rank")) return JSON.stringify(judgment.rank);
  if (tagLine.startsWith("switchyard-judge/v1")) return JSON.stringify(judgment.pick);
  return JSON.stringify(critique);
}

/** Waits until the call is cancelled (by the critic's deadline or its caller), then fails. */
export function hangUntilAborted(call: ExecutorCall, context: HandlerContext): Promise<string> {
  return new Promise((_, reject) => {
    const abort = (): void => {
      call.aborted = true;
      reject(new ConnectError("cancelled", Code.Canceled));
    };
    if (context.signal.aborted) abort();
    else context.signal.addEventListener("abort", abort, { once: true });
  });
}

/** An in-memory ExecutorService whose models are scripted, recording every call and the in-flight peak. */
export function fakeExecutor(models: Readonly<Record<string, FakeModel>>) {
  const calls: ExecutorCall[] = [];
  const counts = new Map<string, number>();
  let inFlight = 0;
  let maxInFlight = 0;
  const generate = async (request: GenerateRequest, context: HandlerContext): Promise<GenerateResponse> => {
    const model = models[request.model];
    if (!model) throw new ConnectError(`model "${request.model}" is not served here`, Code.NotFound);
    const call: ExecutorCall = { request, requestId: context.requestHeader.get("x-request-id"), timeoutMs: context.timeoutMs(), aborted: false };
    calls.push(call);
    const n = (counts.get(request.model) ?? 0) + 1;
    counts.set(request.model, n);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const text = await model(call, context, n);
      const attempt = create(AttemptSchema, {
        attemptId: `${request.model}-${n}`,
        model: request.model,
        outcome: AttemptOutcome.SUCCEEDED,
        costNanoUsd: callCost,
        billed: true,
      });
      return create(GenerateResponseSchema, { text, model: request.model, provider: "fake", costNanoUsd: callCost, attempts: [attempt] });
    } finally {
      inFlight -= 1;
    }
  };
  const client = createClient(
    ExecutorService,
    createRouterTransport(({ service }) => {
      service(ExecutorService, {
        generate,
        streamGenerate: () => {
          throw new ConnectError("unused", Code.Unimplemented);
        },
        listModels: () => ({}),
      });
    }, asPeer),
  );
  return {
    client,
    models: Object.keys(models),
    calls,
    callsTo: (model: string) => calls.filter((call) => call.request.model === model),
    maxInFlight: () => maxInFlight,
    inFlight: () => inFlight,
    reset: () => {
      calls.length = 0;
      counts.clear();
      maxInFlight = 0;
    },
  };
}

/** A failed provider call as the executor reports it, with its attempt in the error details. */
export function providerFailure(model: string): ConnectError {
  const attempt = create(AttemptSchema, { attemptId: `${model}-failed`, model, outcome: AttemptOutcome.FAILED, errorCode: "unavailable", costNanoUsd: 0n });
  // As the executor does: the failed call's GenerateResponse, itemising its attempts.
  const itemised = create(GenerateResponseSchema, { model, attempts: [attempt] });
  return new ConnectError("simulator: The engine is currently overloaded", Code.Unavailable, undefined, [{ desc: GenerateResponseSchema, value: itemised }]);
}

/** An in-memory SelectorService whose Feedback answers as `answer` says. */
export function fakeSelector(answer: (request: FeedbackRequest, context: HandlerContext) => Promise<void>) {
  const received: { request: FeedbackRequest; requestId: string | null }[] = [];
  const settled: FeedbackRequest[] = [];
  const client = createClient(
    SelectorService,
    createRouterTransport(({ service }) => {
      service(SelectorService, {
        score: () => {
          throw new ConnectError("unused", Code.Unimplemented);
        },
        async feedback(request, context) {
          received.push({ request, requestId: context.requestHeader.get("x-request-id") });
          try {
            await answer(request, context);
            return create(FeedbackResponseSchema, { observations: 1n });
          } finally {
            settled.push(request);
          }
        },
      });
    }, asPeer),
  );
  return { client, received, settled };
}

/** The ConnectError a call failed with; fails the test when the call succeeds. */
export async function failure(promise: Promise<unknown>): Promise<ConnectError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => ConnectError.from(error),
  );
}
