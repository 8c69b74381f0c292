import { call } from "../api.js";
import { card, el, table, usd, when } from "../format.js";

/** A request's decision record sorts after its provider attempts, whichever reached the ledger first. */
function attemptOrder(left, right) {
  const decisionLast = Number(Boolean(left.routingDecision)) - Number(Boolean(right.routingDecision));
  return decisionLast || (left.occurredAt ?? "").localeCompare(right.occurredAt ?? "");
}

/** Attempts (cost events) grouped by request, newest request first; each request's decision record last. */
export function groupByRequest(events) {
  const requests = new Map();
  for (const event of events) {
    const id = event.requestId || event.eventId;
    if (!requests.has(id)) requests.set(id, []);
    requests.get(id).push(event);
  }
  return [...requests.entries()].map(([id, attempts]) => ({
    id,
    attempts: attempts.sort(attemptOrder),
  }));
}

function attemptLine(event) {
  // The router's decision record: why it answered as it did, not a provider attempt.
  const decision = event.routingDecision;
  if (decision) return el("div", { class: "muted" }, `decision · ${decision.stopReason || "-"} · answered by ${decision.chosenModel || event.model}`);
  const outcome = (event.outcome ?? "").replace("ATTEMPT_OUTCOME_", "").toLowerCase();
  return el(
    "div",
    {},
    `${event.model} · ${outcome}${event.errorCode ? ` (${event.errorCode})` : ""} · ${Math.round(event.latencyMs ?? 0)} ms · ${usd(event.costNanoUsd)}`,
  );
}

/**
 * The last requests: when, strategy and task type (the routing decision the ledger records),
 * every attempt with its model, outcome, latency and cost, and the request's total.
 */
export async function renderRequests(page) {
  const { events = [] } = await call("ListEvents", { limit: 200 });
  const section = card(page, "Last requests", { wide: true, id: "requests" });
  const rows = groupByRequest(events)
    .slice(0, 50)
    .map(({ id, attempts }) => {
      const first = attempts[0];
      const total = attempts.reduce((sum, event) => sum + (event.billed ? BigInt(event.costNanoUsd ?? "0") : 0n), 0n);
      return [
        when(first.occurredAt),
        id,
        first.tenant,
        `${first.strategy || "-"} / ${first.taskType || "-"}`,
        el("div", {}, ...attempts.map(attemptLine)),
        usd(total.toString()),
      ];
    });
  if (rows.length === 0) section.append(el("p", { class: "muted" }, "no requests yet"));
  else section.append(table(["When", "Request", "Tenant", "Strategy / task", "Attempts", "Cost#"], rows));
}
