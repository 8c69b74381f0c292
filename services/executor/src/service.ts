import type { ServiceImpl } from "@connectrpc/connect";
import type { ExecutorService, GenerateRequest, GenerateResponse, StreamGenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { HandlerContext } from "@connectrpc/connect";
import { create } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { GenerateDeltaSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { StreamGenerateResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { Logger } from "@switchyard/runtime";
import type { ExecutorPolicy } from "@switchyard/runtime";
import { toCallError, toGenerateResponse } from "./call/call-response.js";
import { DeltaQueue } from "./call/delta-queue.js";
import type { QueuedDelta } from "./call/delta-queue.js";
import type { CallAdmission } from "./call/prepare-call.js";
import { prepareCall } from "./call/prepare-call.js";
import type { CallOutcome, CallServices } from "./call/run-call.js";
import { runCall } from "./call/run-call.js";
import type { BufferedCostEventSink } from "./costs/cost-event-sink.js";
import type { ExecutorMetrics } from "./executor-metrics.js";
import { listModelStates } from "./model-states.js";
import type { ServedModel } from "./served-model.js";

/** What the executor service needs; main.ts wires the real ones, tests pass fakes. */
export interface ExecutorDeps {
  readonly models: ReadonlyMap<string, ServedModel>;
  readonly costs: BufferedCostEventSink;
  readonly policy: ExecutorPolicy;
  readonly logger: Logger;
  /** Tenant for calls that carry none (local development only). */
  readonly devTenant: string | undefined;
  readonly maxPromptChars: number;
  readonly newId: () => string;
  readonly now: () => Date;
  /** Jitter source of the retry backoff. */
  readonly random: () => number;
}

/** ExecutorService: Generate, StreamGenerate and ListModels over the served models. */
export function createExecutorService(deps: ExecutorDeps, metrics: ExecutorMetrics): ServiceImpl<typeof ExecutorService> {
  const admission: CallAdmission = { ...deps, outboxFull: () => deps.costs.full };
  const services: CallServices = {
    costs: deps.costs,
    metrics,
    logger: deps.logger,
    backoff: deps.policy,
    random: deps.random,
    newId: deps.newId,
    now: deps.now,
  };
  return {
    generate: (request, context) => generate(admission, services, request, context),
    streamGenerate: (request, context) => streamGenerate(admission, services, request, context),
    listModels: () => listModelStates(deps.models),
  };
}

async function generate(admission: CallAdmission, services: CallServices, request: GenerateRequest, context: HandlerContext): Promise<GenerateResponse> {
  const plan = prepareCall(admission, request, context, false);
  try {
    const outcome = await runCall(plan, services);
    const response = toGenerateResponse(plan.served.deployment, outcome);
    if (outcome.success) return response;
    throw toCallError(plan.served.deployment, outcome, response);
  } finally {
    plan.deadline.dispose();
  }
}

/**
 * Deltas as the provider sends them, then one `completed` message. Until the first delta the
 * call may retry; after it, a failure ends the stream: the `completed` message (finish reason
 * ERROR, what was billed) and then the error status, never a silent switch to another answer.
 * The call is billed even if the client goes away mid-stream.
 */
async function* streamGenerate(
  admission: CallAdmission,
  services: CallServices,
  request: GenerateRequest,
  context: HandlerContext,
): AsyncIterable<StreamGenerateResponse> {
  const queue = new DeltaQueue();
  const plan = prepareCall(admission, request, context, true);
  const running = runCall({ ...plan, onDelta: (text) => queue.push(text), onToolCallDelta: (delta) => queue.pushToolCall(delta) }, services).finally(() =>
    queue.close(),
  );
  let sent = "";
  let sentAny = false;
  let outcome: CallOutcome;
  try {
    for await (const delta of queue) {
      sentAny = true;
      if ("text" in delta) sent += delta.text;
      yield create(StreamGenerateResponseSchema, { event: { case: "delta", value: toDelta(delta) } });
    }
  } finally {
    outcome = await running;
    plan.deadline.dispose();
  }
  const response = toGenerateResponse(plan.served.deployment, outcome, sent);
  if (outcome.success || sentAny) yield create(StreamGenerateResponseSchema, { event: { case: "completed", value: response } });
  if (!outcome.success) throw toCallError(plan.served.deployment, outcome, response);
}

function toDelta(delta: QueuedDelta): MessageInitShape<typeof GenerateDeltaSchema> {
  if ("text" in delta) return { text: delta.text };
  const { index, id, name, argumentsFragment } = delta.toolCall;
  return { toolCall: { index, id: id ?? "", name: name ?? "", argumentsFragment } };
}
