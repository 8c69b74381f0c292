import { Code, ConnectError } from "@connectrpc/connect";
import { requireUsableModel } from "../model-access.js";
import { callModel } from "../model-call.js";
import { runFailure } from "../run-failure.js";
import { resultOf } from "../strategy-result.js";
import { answerCall, grantedModels, reviewCall } from "../strategy/planned-calls.js";
import type { RouterStrategy } from "../strategy/strategy-contract.js";
import { critiqueAnswer } from "./critique-call.js";

/**
 * `critique(primary, critics, max_concurrency)`: the primary's answer plus concurrent critiques
 * from other models; the confidence is the critics' aggregate score. Critics that fail or time
 * out are reported as such; the answer is returned either way. A budget that cannot hold every
 * critique keeps the first critics that fit.
 */
export const critiqueStrategy: RouterStrategy<"critique"> = {
  plan(run, options) {
    const primary = options?.primary ?? "";
    requireUsableModel(run.deps.access, run.caller.tenant, primary, "strategy.critique.primary");
    const critics = options?.critics.length ? options.critics : run.deps.routing.criticModels;
    if (critics.length === 0) throw new ConnectError("strategy.critique.critics: name at least one critic model", Code.InvalidArgument);
    critics.forEach((model, index) => requireUsableModel(run.deps.access, run.caller.tenant, model, `strategy.critique.critics[${index}]`));
    return Promise.resolve({
      label: "critique",
      calls: [answerCall(run, primary), ...critics.map((critic) => reviewCall(run, critic, "critic", 1))],
      async execute(granted) {
        const outcome = await callModel(run, primary);
        if (!outcome.ok) throw runFailure(run, outcome.error);
        const review = await critiqueAnswer(run, outcome.response, grantedModels(granted, "critic"), options?.maxConcurrency ?? 0);
        return { ...resultOf(outcome.response, "critique", review?.aggregateScore ?? 0), critiques: review?.critiques ?? [] };
      },
    });
  },
};
