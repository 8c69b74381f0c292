import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { AttemptOutcome, UsageSchema } from "@switchyard/contracts/switchyard/v1/common_pb";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CostEvent } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { CompleteResponse } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { Caller } from "../route-run.js";
import type { RealisedQuality } from "./realised-quality.js";
import { roleTag, shadowOfTag } from "./shadow-target.js";

/** Tag naming the model that shadowed the request (the best single model). */
const shadowModelTag = "switchyard_shadow_model";

/**
 * The ledger's record of what a shadow found: a quality observation (source "shadow") of the
 * served model on the original request, at zero cost; the shadow's own attempts carry its cost.
 */
export function shadowObservation(
  served: CompleteResponse,
  caller: Caller,
  tags: Readonly<Record<string, string>>,
  shadowModel: string,
  realised: RealisedQuality,
  occurredAtMs: number,
): CostEvent {
  return create(CostEventSchema, {
    eventId: `${caller.requestId}.shadow-quality`,
    requestId: caller.requestId,
    tenant: caller.tenant,
    apiKeyId: caller.apiKeyId ?? "",
    model: served.model,
    provider: served.provider,
    strategy: served.strategy,
    taskType: served.taskType,
    usage: create(UsageSchema),
    costNanoUsd: 0n,
    outcome: AttemptOutcome.UNSPECIFIED,
    billed: false,
    occurredAt: timestampFromMs(occurredAtMs),
    tags: { ...tags, [roleTag]: "shadow", [shadowOfTag]: caller.requestId, [shadowModelTag]: shadowModel, switchyard_shadow_check: realised.kind },
    simulated: served.simulated,
    quality: realised.quality,
    qualitySource: "shadow",
  });
}
