import { describe, expect, it } from "vitest";
import { isExposed, metricFamilies, metricNamesIn } from "./promql-metric-names.js";

describe("metricNamesIn", () => {
  it("finds the metrics and skips functions, labels, ranges, grouping, strings and numbers", () => {
    const expression =
      'histogram_quantile(0.99, sum by (le, service) (rate(rpc_server_duration_seconds_bucket{service=~"$service", code!="ok"}[$__rate_interval]))) / 1e9 + on (model) group_left (tier) max(up_info offset 5m)';
    expect(metricNamesIn(expression)).toEqual(["rpc_server_duration_seconds_bucket", "up_info"]);
    expect(metricNamesIn("sum(a_total) / sum(b_total) and bool c")).toEqual(["a_total", "b_total", "c"]);
  });
});

describe("isExposed", () => {
  const families = metricFamilies("# HELP x_seconds help\n# TYPE x_seconds histogram\n# TYPE y_total counter\ny_total 1\n# TYPE z summary\n");
  it("accepts families and the series of histograms and summaries, nothing else", () => {
    expect(["x_seconds_bucket", "x_seconds_sum", "x_seconds_count", "y_total", "z_sum"].every((name) => isExposed(name, families))).toBe(true);
    expect(["y_total_count", "z_bucket", "x_seconds_total", "missing"].some((name) => isExposed(name, families))).toBe(false);
  });
});
