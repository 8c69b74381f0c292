import { call } from "../api.js";
import { lines } from "../charts.js";
import { card, dollars, el, table, usd } from "../format.js";
import { lastDays } from "./spend.js";

/** What was spent against what the baseline model would have cost, per day and per model. */
export async function renderSavings(page) {
  const daily = await call("Report", { ...lastDays(), groupBy: ["REPORT_DIMENSION_DAY"] });
  const baseline = daily.baselineModel || "(no baseline configured)";
  const summary = card(page, `Savings against ${baseline}`, { wide: true, id: "savings-total" });
  summary.append(
    el("div", { class: "figure" }, usd(daily.total?.savingsNanoUsd)),
    el("div", { class: "muted" }, `spent ${usd(daily.total?.costNanoUsd)} · the baseline would have cost ${usd(daily.total?.baselineCostNanoUsd)}`),
  );
  const rows = daily.rows ?? [];
  const chart = card(page, "Spend and baseline per day", { id: "savings-chart" });
  lines(
    chart,
    rows.map((row) => row.group.day),
    [
      { label: "spent", values: rows.map((row) => dollars(row.costNanoUsd)) },
      { label: `baseline (${baseline})`, values: rows.map((row) => dollars(row.baselineCostNanoUsd)) },
    ],
  );
  const byModel = await call("Report", { ...lastDays(), groupBy: ["REPORT_DIMENSION_MODEL"] });
  const models = card(page, "Savings by model", { id: "savings-models" });
  models.append(
    table(
      ["Model", "Requests#", "Spent#", "Baseline#", "Saved#"],
      (byModel.rows ?? []).map((row) => [row.group.model, row.requests ?? "0", usd(row.costNanoUsd), usd(row.baselineCostNanoUsd), usd(row.savingsNanoUsd)]),
    ),
  );
}
