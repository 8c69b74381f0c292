import { callModel } from "../model-call.js";
import { requireUsableModel } from "../model-access.js";
import { runFailure } from "../run-failure.js";
import { resultOf } from "../strategy-result.js";
import { answerCall } from "../strategy/planned-calls.js";
import type { RouterStrategy } from "../strategy/strategy-contract.js";

/** `pinned(model)`: always this model; the executor retries within the deadline. */
export const pinnedStrategy: RouterStrategy<"pinned"> = {
  plan(run, options) {
    const model = options?.model ?? "";
    requireUsableModel(run.deps.access, run.caller.tenant, model, "strategy.pinned.model");
    return Promise.resolve({
      label: "pinned",
      calls: [answerCall(run, model)],
      stream: [{ model, confidence: 1 }],
      async execute() {
        const outcome = await callModel(run, model);
        if (!outcome.ok) throw runFailure(run, outcome.error);
        return resultOf(outcome.response, "pinned", 1);
      },
    });
  },
};
