import type { ServiceImpl } from "@connectrpc/connect";
import type { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { callerOf } from "@switchyard/runtime";
import { completeCached, streamCached } from "./cache/cached-request.js";
import { completeBatch } from "./complete-batch.js";
import { complete } from "./complete-request.js";
import { callerFeedback } from "./feedback/caller-feedback.js";
import { IdempotencyCache } from "./idempotency-cache.js";
import type { RouterDeps } from "./router-deps.js";
import type { RouterMetrics } from "./router-metrics.js";
import { streamComplete } from "./stream-complete.js";

/** RouterService: every strategy through Complete, StreamComplete and CompleteBatch; caller Feedback. */
export function createRouterService(deps: RouterDeps, metrics?: RouterMetrics): ServiceImpl<typeof RouterService> {
  const idempotency = new IdempotencyCache({ ttlMs: 10 * 60_000, maxEntries: 10_000 });
  return {
    async complete(request, context) {
      const tenant = callerOf(context).tenant ?? "";
      const run = () => completeCached(deps.cache, request, deps.maxPromptChars, () => complete(deps, request, context));
      const response = await (request.idempotencyKey ? idempotency.run(tenant, request.idempotencyKey, run) : run());
      metrics?.observe(response);
      return response;
    },
    streamComplete: (request, context) => streamCached(deps.cache, request, deps.maxPromptChars, () => streamComplete(deps, request, context)),
    completeBatch: (request, context) => completeBatch(deps, request, context),
    feedback: (request, context) => callerFeedback(deps, request, context),
  };
}
