import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import type { GenerateRequest } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { ProviderError } from "@switchyard/provider-spec";
import type { ExecutorPolicy } from "@switchyard/runtime";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { currentRequestContext, reasonDetails, validateConversation, validateGenerationParams } from "@switchyard/runtime";
import type { ServedModel } from "../served-model.js";
import { createCallDeadline } from "./call-deadline.js";
import { toCallSettings, toPromptMessages } from "./call-request.js";
import { checkCapabilities } from "./capability-check.js";
import type { CallPlan } from "./run-call.js";

/** What checking a request needs. */
export interface CallAdmission {
  readonly models: ReadonlyMap<string, ServedModel>;
  readonly policy: ExecutorPolicy;
  readonly maxPromptChars: number;
  /** Tenant for calls that carry none (local development only). */
  readonly devTenant: string | undefined;
  /** True while the cost outbox is full: no new call may be billed, so none is taken. */
  readonly outboxFull: () => boolean;
}

/**
 * Checks a Generate request and turns it into a call plan, refusing before any attempt:
 * unknown model NOT_FOUND, bad conversation or provider options INVALID_ARGUMENT, no tenant
 * UNAUTHENTICATED, a full cost outbox UNAVAILABLE. The plan's deadline is the caller's gRPC
 * deadline when it set one, else `callTimeoutMs`; the caller must dispose it.
 */
export function prepareCall(admission: CallAdmission, request: GenerateRequest, context: HandlerContext, stream: boolean): CallPlan {
  const served = findModel(admission.models, request.model);
  validateConversation(request.messages, admission.maxPromptChars);
  validateGenerationParams(request.params);
  const tenant = currentRequestContext()?.tenant ?? admission.devTenant;
  if (!tenant) throw new ConnectError("no tenant: calls must carry the x-switchyard-tenant header", Code.Unauthenticated);
  const providerOptions = request.providerOptions ?? {};
  if (Object.keys(providerOptions).length > 0) checkProviderCall(() => served.deployment.executor.validateProviderOptions(providerOptions));
  if (admission.outboxFull()) {
    throw new ConnectError(
      "cost events cannot reach NATS and the outbox is full: no new call can be billed, retry later",
      Code.Unavailable,
      undefined,
      reasonDetails({ reason: ErrorReason.COST_OUTBOX_FULL }),
    );
  }
  const messages = toPromptMessages(request.messages);
  const settings = { ...served.deployment.defaults, ...toCallSettings(request.params) };
  checkCapabilities(served.deployment, messages, settings);
  checkProviderCall(() => served.deployment.executor.checkCall?.(messages, settings));
  let inputTokens: number | undefined;
  return {
    served,
    stream,
    messages,
    settings,
    providerOptions,
    deadline: createCallDeadline(context.signal, context.timeoutMs(), admission.policy.callTimeoutMs),
    inputEstimate: () => (inputTokens ??= served.deployment.estimator.countMessages(messages)),
    callStartedMs: performance.now(),
    maxAttempts: request.maxAttempts > 0 ? request.maxAttempts : admission.policy.maxAttempts,
    owner: { tenant, context: request.context },
  };
}

/** Runs an executor's own check; its bad_request refusal is the caller's INVALID_ARGUMENT. */
function checkProviderCall(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (ProviderError.isInstance(error)) throw new ConnectError(error.message, Code.InvalidArgument);
    throw error;
  }
}

function findModel(models: ReadonlyMap<string, ServedModel>, model: string): ServedModel {
  if (!model) throw new ConnectError("model: required", Code.InvalidArgument);
  const served = models.get(model);
  if (!served) throw new ConnectError(`model "${model}" is not served here; known models: ${[...models.keys()].join(", ")}`, Code.NotFound);
  return served;
}
