import { Code, ConnectError } from "@connectrpc/connect";
import { FinishReason } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { ToolCallDelta } from "@switchyard/contracts/switchyard/v1/common_pb";
import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { attemptsOfFailure } from "@switchyard/runtime";
import { generateRequest } from "./model-call.js";
import type { ModelCallOptions } from "./model-call.js";
import type { RouteRun } from "./route-run.js";

/** What streaming one model produced: text and tool-call deltas as they came, then the final response. */
export type StreamEvent = { readonly delta: string } | { readonly toolCall: ToolCallDelta } | { readonly completed: GenerateResponse };

/** Raised when a model's stream fails; `started` tells whether any delta reached the caller. */
export class StreamFailure extends Error {
  override readonly name = "StreamFailure";
  constructor(
    readonly error: ConnectError,
    readonly started: boolean,
  ) {
    super(error.rawMessage, { cause: error });
  }
}

/**
 * Streams one model through the executor, recording its attempts in the run (from the final
 * message, or from the failure's AttemptTrail). Failures surface as StreamFailure so that the
 * caller can fail over only while nothing has been sent.
 */
export async function* streamModel(run: RouteRun, model: string, options: ModelCallOptions = {}): AsyncGenerator<StreamEvent> {
  let started = false;
  let recorded = false;
  let brokeAfterStart = false;
  const end = run.deps.load?.begin(model);
  try {
    for await (const message of run.deps.executor.streamGenerate(generateRequest(run, model, options), run.callOptions())) {
      if (message.event.case === "delta") {
        started = true;
        const toolCall = message.event.value.toolCall;
        yield toolCall ? { toolCall } : { delta: message.event.value.text };
      } else if (message.event.case === "completed") {
        run.record(message.event.value.attempts);
        recorded = true;
        // A stream that broke after its first delta closes with what was billed, then the error.
        if (message.event.value.finishReason === FinishReason.ERROR) brokeAfterStart = true;
        else yield { completed: message.event.value };
      }
    }
  } catch (caught) {
    if (caught instanceof StreamFailure) throw caught;
    const error = ConnectError.from(caught);
    if (!recorded) run.record(attemptsOfFailure(error, model));
    throw new StreamFailure(error, started);
  } finally {
    end?.();
  }
  if (brokeAfterStart) throw new StreamFailure(new ConnectError(`${model}: the stream ended with an error`, Code.Unavailable), started);
}
