import { call } from "../api.js";
import { card, el, percent, table, usd, when } from "../format.js";

/**
 * Burn rate: spend per day so far in the period, and where it lands at the reset if it goes on
 * at that rate (money as exact BigInt nano-USD; the projection is rounded down).
 */
export function burnRate(status, now = Date.now()) {
  const spent = BigInt(status.spentNanoUsd ?? "0");
  const start = status.periodStart ? Date.parse(status.periodStart) : undefined;
  const end = status.resetsAt ? Date.parse(status.resetsAt) : undefined;
  if (start === undefined || now <= start) return { perDay: spent, projected: undefined };
  const elapsedMs = BigInt(Math.max(1, now - start));
  const perDay = (spent * 86_400_000n) / elapsedMs;
  const projected = end === undefined ? undefined : (spent * BigInt(Math.max(1, end - start))) / elapsedMs;
  return { perDay, projected };
}

function usedBar(status) {
  const limit = BigInt(status.budget?.limitNanoUsd ?? "0");
  const spent = BigInt(status.spentNanoUsd ?? "0");
  const fraction = limit > 0n ? Number((spent * 10_000n) / limit) / 10_000 : 0;
  return el(
    "div",
    { class: "bar", title: percent(fraction) },
    el("span", { class: fraction >= 0.8 ? "hot" : "", style: `width: ${Math.min(100, fraction * 100)}%` }),
  );
}

/** Budgets with their use and burn rate, and the alerts of the last 30 days. */
export async function renderBudgets(page) {
  const { budgets = [] } = await call("GetBudget", {});
  const section = card(page, "Budgets", { wide: true, id: "budgets" });
  section.append(
    table(
      ["Budget", "Period", "Limit#", "Spent#", "Reserved#", "Remaining#", "Used", "Burn / day#", "Projected at reset#", "Resets"],
      budgets.map((status) => {
        const burn = burnRate(status);
        return [
          status.budgetId,
          (status.budget?.period ?? "").replace("BUDGET_PERIOD_", "").toLowerCase(),
          usd(status.budget?.limitNanoUsd),
          usd(status.spentNanoUsd),
          usd(status.reservedNanoUsd),
          usd(status.remainingNanoUsd),
          usedBar(status),
          usd(burn.perDay.toString()),
          burn.projected === undefined ? "-" : usd(burn.projected.toString()),
          when(status.resetsAt) || "never",
        ];
      }),
    ),
  );
  const { alerts = [] } = await call("ListAlerts", { since: new Date(Date.now() - 30 * 86_400_000).toISOString(), limit: 200 });
  const alertCard = card(page, "Alerts (last 30 days)", { wide: true, id: "alerts" });
  if (alerts.length === 0) alertCard.append(el("p", { class: "muted" }, "no alerts"));
  else
    alertCard.append(
      table(
        ["When", "Budget", "Threshold#", "Spent#", "Limit#"],
        [...alerts]
          .reverse()
          .map((alert) => [when(alert.occurredAt), alert.budgetId, percent(alert.threshold ?? 0), usd(alert.spentNanoUsd), usd(alert.limitNanoUsd)]),
      ),
    );
}
