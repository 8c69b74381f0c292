import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { serviceNames } from "@switchyard/stack";
import type { RunningStack } from "@switchyard/stack";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isExposed, metricFamilies, metricNamesIn } from "./support/promql-metric-names.js";
import { repositoryRoot, startTestStack } from "./support/stack-fixture.js";

interface Panel {
  readonly title?: string;
  readonly targets?: readonly { readonly expr?: string }[];
  readonly panels?: readonly Panel[];
}
interface Dashboard {
  readonly panels: readonly Panel[];
  readonly templating: { readonly list: readonly { readonly query?: unknown }[] };
}

const dashboard = JSON.parse(readFileSync(join(repositoryRoot, "deploy/grafana/switchyard.json"), "utf8")) as Dashboard;

/** Every panel's PromQL, rows' nested panels included, with the panel it belongs to. */
function queries(panels: readonly Panel[]): { panel: string; expr: string }[] {
  return panels.flatMap((panel) => [
    ...(panel.targets ?? []).flatMap((target) => (target.expr ? [{ panel: panel.title ?? "", expr: target.expr }] : [])),
    ...queries(panel.panels ?? []),
  ]);
}

let stack: RunningStack;
let families: Map<string, string>;

beforeAll(async () => {
  stack = await startTestStack({ configPath: join(import.meta.dirname, "../fixtures/strategies.yaml") });
  const router = createClient(RouterService, createGrpcTransport({ baseUrl: stack.urls.router }));
  await router.complete({
    messages: [{ role: "user", content: "Explain tides briefly" }],
    strategy: { kind: { case: "critique", value: { primary: "sim-small", critics: ["sim-medium"] } } },
  });
  families = new Map();
  for (const name of serviceNames) {
    const exposition = await (await fetch(`http://127.0.0.1:${stack.ports.metrics[name]}/metrics`)).text();
    for (const [family, type] of metricFamilies(exposition)) families.set(family, type);
  }
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

describe("deploy/grafana/switchyard.json", () => {
  it("queries only metrics the services export", () => {
    const all = queries(dashboard.panels);
    expect(all.length).toBeGreaterThan(20);
    const missing = all.flatMap(({ panel, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !isExposed(name, families))
        .map((name) => `${panel}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it("covers every Switchyard metric family at least once", () => {
    const queried = new Set(
      queries(dashboard.panels)
        .flatMap(({ expr }) => metricNamesIn(expr))
        .map((name) => name.replace(/_(bucket|sum|count)$/, "")),
    );
    const ours = [...families.keys()].filter((name) => /^(rpc_|switchyard_|ledger_|critic_|gen_ai_)/.test(name));
    expect(ours.filter((name) => !queried.has(name))).toEqual([]);
  });

  it("its service variable reads a metric that exists", () => {
    const variableQueries = dashboard.templating.list.flatMap((variable) =>
      typeof variable.query === "object" && variable.query !== null ? [(variable.query as { query: string }).query] : [],
    );
    expect(variableQueries).toEqual(["label_values(rpc_server_requests_total, service)"]);
    expect(families.has("rpc_server_requests_total")).toBe(true);
  });
});
