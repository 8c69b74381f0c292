import { Code, ConnectError } from "@connectrpc/connect";
import { ErrorReason } from "@switchyard/contracts/switchyard/v1/error_detail_pb";
import { reasonDetails } from "@switchyard/runtime";
import type { RouteRun } from "../route-run.js";
import type { GrantedCalls } from "../strategy/strategy-contract.js";
import type { SplitLayout } from "./split-layout.js";

/**
 * Why a split may not start, or undefined when it may: some chunk answers without the combine
 * call answer nothing, so a split runs only when the budget holds every call and the request's
 * max_cost allows every call at its worst case. Checked before the first chunk is called.
 */
export function splitLimit(run: RouteRun, layout: SplitLayout, granted: GrantedCalls): ConnectError | undefined {
  const needed = layout.maps.length + 1;
  if (granted.calls.length < needed) {
    const reason = granted.refusal ? ` (${granted.refusal.rawMessage})` : "";
    const error = new ConnectError(
      `budget exhausted: the split needs ${layout.maps.length} chunk calls and a combine call, the budget holds ${granted.calls.length} of ${needed}${reason}`,
      Code.ResourceExhausted,
    );
    error.details = [...(granted.refusal?.details ?? [])];
    return error;
  }
  const cap = run.request.maxCostNanoUsd;
  const worstCase = [...layout.maps.map((map) => map.call), layout.reduce].reduce((sum, call) => sum + call.estimate.maxCostNanoUsd, 0n);
  if (cap === undefined || run.spentNanoUsd + worstCase <= cap) return undefined;
  return new ConnectError(
    `max_cost: the split's ${needed} calls to "${layout.model}" may cost up to ${worstCase} nano-USD, past the request's limit of ${cap}`,
    Code.ResourceExhausted,
    undefined,
    reasonDetails({ reason: ErrorReason.MAX_COST_EXCEEDED, model: layout.model }),
  );
}
