import { mkdirSync, mkdtempSync } from "node:fs";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import { startLocalStack } from "@switchyard/stack";
import type { RunningStack } from "@switchyard/stack";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDashboardHandler } from "./dashboard-handler.js";

// Tenants of tests/e2e/fixtures/account.yaml: acme (sim-small, sim-medium), globex, ops (admin).
const repositoryRoot = join(import.meta.dirname, "../../../..");
const artifacts = join(repositoryRoot, ".switchyard/artifacts");
const keys = { acme: "sk-acme-account", globex: "sk-globex-account", admin: "sk-switchyard-dev-admin" } as const;
const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

let stack: RunningStack;
let server: Server;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  stack = await startLocalStack({
    rootDir: repositoryRoot,
    workDir: mkdtempSync(join(tmpdir(), "switchyard-dashboard-")),
    ports: "free",
    simLatencyScale: 0.2,
    configPath: join(repositoryRoot, "tests/e2e/fixtures/account.yaml"),
  });
  const router = createClient(RouterService, createGrpcTransport({ baseUrl: stack.urls.router }));
  const ask = (key: string, model: string, project: string) =>
    router.complete(
      { messages: [{ role: "user", content: `Dashboard ${model} ${project}` }], strategy: { kind: { case: "pinned", value: { model } } }, tags: { project } },
      { headers: { authorization: `Bearer ${key}` } },
    );
  await ask(keys.acme, "sim-small", "search");
  await ask(keys.acme, "sim-medium", "ads");
  await router.complete(
    { messages: [{ role: "user", content: "Dashboard cheapest" }], strategy: { kind: { case: "cheapest", value: {} } } },
    { headers: { authorization: `Bearer ${keys.acme}` } },
  );
  await ask(keys.globex, "sim-large", "search");
  const handler = createDashboardHandler({ accountUrl: stack.urls.router });
  server = createServer((request, response) => {
    if (!handler(request, response)) response.writeHead(404).end("not the dashboard");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumFlags });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await stack?.stop();
}, 60_000);

async function signIn(key: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${baseUrl}/dashboard/`);
  await page.fill("#api-key", key);
  await page.click("#login-form button");
  await page.waitForSelector("body[data-state=ready]", { timeout: 20_000 });
  expect(await page.isVisible("#login-form")).toBe(false);
  return page;
}

async function show(page: Page, name: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(name)}`);
  await page.waitForSelector(`body[data-state=ready][data-page=${name}]`, { timeout: 20_000 });
}

describe("the dashboard in headless Chromium against a real stack", () => {
  it("shows every page with the spend just made (admin), and saves screenshots", async () => {
    // Cost events reach the ledger through JetStream: reload until all four requests show.
    const page = await signIn(keys.admin);
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.waitForSelector("body[data-state=ready]", { timeout: 20_000 });
          return page.textContent("#spend-total");
        },
        { timeout: 20_000, interval: 500 },
      )
      .toMatch(/4 requests/);
    expect(await page.locator("#spend-model canvas").count()).toBe(1);
    expect(await page.locator("#spend-tenant canvas").count()).toBe(1);
    expect(await page.locator("#spend-project canvas").count()).toBe(1);
    expect(await page.locator("#spend-strategy canvas").count()).toBe(1);
    await page.screenshot({ path: join(artifacts, "dashboard-spend.png"), fullPage: true });

    await show(page, "savings");
    expect(await page.textContent("#savings-total")).toMatch(/Savings against sim-large\$0\.\d+spent \$0\.\d+ · the baseline would have cost \$0\.\d+/);
    expect(await page.textContent("#savings-models")).toMatch(/sim-small1\$/);
    await page.screenshot({ path: join(artifacts, "dashboard-savings.png"), fullPage: true });

    await show(page, "budgets");
    const budgets = await page.textContent("#budgets");
    expect(budgets).toMatch(/acmemonthly\$5\$0\.\d+/);
    expect(budgets).toMatch(/globexmonthly\$7/);
    await expect
      .poll(
        async () => {
          await show(page, "budgets");
          return page.textContent("#alerts");
        },
        { timeout: 10_000, interval: 500 },
      )
      .toMatch(/acme.*globex|globex.*acme/);
    await page.screenshot({ path: join(artifacts, "dashboard-budgets.png"), fullPage: true });

    await show(page, "requests");
    const requests = await page.textContent("#requests");
    expect(requests).toMatch(/acmepinned \/ \S+sim-small · succeeded · \d+ ms · \$0\.\d+/);
    expect(requests).toMatch(/globexpinned/);
    await page.screenshot({ path: join(artifacts, "dashboard-requests.png"), fullPage: true });

    await show(page, "models");
    expect(await page.textContent("#models")).toMatch(/sim-large \(simulated\)simulatorlarge\$3\$15131072closed/);
    expect(await page.locator("#models-latency canvas").count()).toBe(1);
    await page.screenshot({ path: join(artifacts, "dashboard-models.png"), fullPage: true });
    await page.close();
  }, 120_000);

  it("shows a tenant its own data only", async () => {
    const page = await signIn(keys.globex);
    expect(await page.textContent("#spend-total")).toMatch(/1 requests/);
    await show(page, "requests");
    expect(await page.textContent("#requests")).not.toMatch(/acme/);
    await show(page, "budgets");
    expect(await page.textContent("#budgets")).not.toMatch(/acme/);
    await page.close();
  }, 60_000);

  it("an invalid key sees the login prompt again", async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/dashboard/`);
    await page.fill("#api-key", "sk-not-a-key");
    await page.click("#login-form button");
    await page.waitForSelector("body[data-state=login] #login-error:has-text('invalid API key')", { timeout: 20_000 });
    expect(await page.isVisible("#login-form")).toBe(true);
    expect(await page.isVisible("#app")).toBe(false);
    expect(await page.evaluate("sessionStorage.getItem('switchyard.apiKey')")).toBeNull();
    await page.screenshot({ path: join(artifacts, "dashboard-login.png") });
    await page.close();
  }, 60_000);

  it("serves only the dashboard's paths, assets and unary AccountService methods", async () => {
    expect((await fetch(`${baseUrl}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/dashboard`, { redirect: "manual" })).status).toBe(308);
    expect((await fetch(`${baseUrl}/dashboard/vendor/chart.umd.min.js`)).headers.get("content-type")).toMatch(/javascript/);
    expect((await fetch(`${baseUrl}/dashboard/..%2f..%2fpackage.json`)).status).toBe(404);
    const stream = await fetch(`${baseUrl}/dashboard/api/ExportCsv`, { method: "POST", body: "{}" });
    expect(stream.status).toBe(404);
    const refused = await fetch(`${baseUrl}/dashboard/api/Report`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: "unauthenticated" });
  });
});
