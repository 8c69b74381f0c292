import { call } from "../api.js";
import { stackedBars } from "../charts.js";
import { card, dollars, el, usd } from "../format.js";

const dimensions = [
  { key: "model", enum: "REPORT_DIMENSION_MODEL", title: "Spend by model" },
  { key: "tenant", enum: "REPORT_DIMENSION_TENANT", title: "Spend by tenant", note: "admin keys see every tenant; others their own" },
  { key: "project", enum: "REPORT_DIMENSION_PROJECT", title: "Spend by project" },
  { key: "strategy", enum: "REPORT_DIMENSION_STRATEGY", title: "Spend by strategy" },
];

/** The last 30 days, as a report range. */
export function lastDays(days = 30) {
  return { start: new Date(Date.now() - days * 86_400_000).toISOString() };
}

/** Days on the x axis, one stacked series per value of the dimension. */
export function seriesOverDays(rows, key) {
  const days = [...new Set(rows.map((row) => row.group.day))].sort();
  const values = [...new Set(rows.map((row) => row.group[key] || "(none)"))].sort();
  const series = values.map((value) => ({
    label: value,
    values: days.map((day) => dollars(rows.find((row) => row.group.day === day && (row.group[key] || "(none)") === value)?.costNanoUsd)),
  }));
  return { days, series };
}

/** Spend over time by model, tenant, project and strategy. */
export async function renderSpend(page) {
  const total = await call("Report", { ...lastDays(), groupBy: ["REPORT_DIMENSION_TENANT"] });
  const summary = card(page, "Last 30 days", { wide: true, id: "spend-total" });
  summary.append(
    el("div", { class: "figure" }, usd(total.total?.costNanoUsd)),
    el(
      "div",
      { class: "muted" },
      `${total.total?.requests ?? 0} requests · ${total.total?.attempts ?? 0} attempts · ${total.total?.errors ?? 0} failed attempts`,
    ),
  );
  for (const dimension of dimensions) {
    const report = await call("Report", { ...lastDays(), groupBy: ["REPORT_DIMENSION_DAY", dimension.enum] });
    const section = card(page, dimension.title, { id: `spend-${dimension.key}` });
    if (dimension.note) section.append(el("p", { class: "muted" }, dimension.note));
    const { days, series } = seriesOverDays(report.rows ?? [], dimension.key);
    if (days.length === 0) section.append(el("p", { class: "muted" }, "no spend yet"));
    else stackedBars(section, days, series);
  }
}
