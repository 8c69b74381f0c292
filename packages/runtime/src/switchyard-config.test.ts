import { describe, expect, it } from "vitest";
import { ConfigError, parseSwitchyardConfig } from "./switchyard-config.js";

const base = `
providers:
  sim: { kind: openai, baseUrl: "\${SIM_URL:-http://127.0.0.1:18080}/v1", simulated: true }
  openai: { kind: openai, baseUrl: https://api.openai.com/v1, apiKeyEnv: OPENAI_API_KEY, enabledWhen: OPENAI_API_KEY }
models:
  small: { provider: sim, price: { inputPerMillion: "0.10", outputPerMillion: "0.40" } }
  gpt: { provider: openai, price: { inputPerMillion: "2.50", outputPerMillion: "10" } }
tenants:
  local: {}
devTenant: local
`;

describe("parseSwitchyardConfig", () => {
  it("interpolates the environment and parses prices exactly", () => {
    const config = parseSwitchyardConfig(base, { SIM_URL: "http://sim:9" });
    expect(config.providers["sim"]?.baseUrl).toBe("http://sim:9/v1");
    expect(config.models["small"]?.price?.inputPerMillion).toBe(100_000_000n);
  });

  it("drops providers whose enabledWhen variable is unset, with their models", () => {
    const config = parseSwitchyardConfig(base, {});
    expect(Object.keys(config.providers)).toEqual(["sim"]);
    expect(Object.keys(config.models)).toEqual(["small"]);
  });

  it("keeps in named chains only the enabled models, and drops a chain left empty", () => {
    const chains = `${base}routing:\n  chains:\n    mixed: [gpt, small]\n    hosted: [gpt]\n`;
    expect(parseSwitchyardConfig(chains, {}).routing.chains).toEqual({ mixed: ["small"] });
    expect(parseSwitchyardConfig(chains, { OPENAI_API_KEY: "sk-test" }).routing.chains).toEqual({ mixed: ["gpt", "small"], hosted: ["gpt"] });
  });

  it("enables a provider and resolves its key when the variable is set", () => {
    const config = parseSwitchyardConfig(base, { OPENAI_API_KEY: "sk-test" });
    expect(config.providers["openai"]?.apiKey).toBe("sk-test");
    expect(Object.keys(config.models)).toEqual(["small", "gpt"]);
  });

  it("names the offending field", () => {
    expect(() => parseSwitchyardConfig(base.replace("provider: sim, price", "provider: nowhere, price"), {})).toThrow(
      /models\.small\.provider: unknown provider "nowhere"/,
    );
    expect(() => parseSwitchyardConfig(base.replace('"0.10"', '"-1"'), {})).toThrow(ConfigError);
    expect(() => parseSwitchyardConfig(base.replace("local: {}", "other: {}"), {})).toThrow(/devTenant/);
  });

  it("parses budgets exactly and checks what they name", () => {
    const withBudgets =
      base.replace("local: {}", "local: { apiKeys: [{ id: k1, sha256: " + "a".repeat(64) + " }] }") +
      `
baselineModel: small
ledger: { timeZone: Europe/Paris }
budgets:
  - { tenant: local, limitUsd: "12.50", period: monthly, perRequestCapUsd: "0.25" }
  - { tenant: local, scope: apiKey, id: k1, limitUsd: 1, limitTokens: 5000, period: daily, timeZone: America/New_York, alertThresholds: [0.9] }
  - { tenant: local, scope: taskType, id: code.review, limitUsd: 2, period: weekly }
`;
    const config = parseSwitchyardConfig(withBudgets, {});
    expect(config.ledger.timeZone).toBe("Europe/Paris");
    expect(config.budgets[0]).toMatchObject({ scope: "tenant", limitUsd: 12_500_000_000n, perRequestCapUsd: 250_000_000n, alertThresholds: [0.5, 0.8, 1] });
    expect(config.budgets[1]).toMatchObject({ scope: "apiKey", id: "k1", limitTokens: 5000 });
    expect(config.budgets[2]).toMatchObject({ scope: "taskType", id: "code.review", limitUsd: 2_000_000_000n });
    expect(parseSwitchyardConfig(base, {}).ledger.timeZone).toBe("UTC");
    const broken =
      (entry: string): (() => unknown) =>
      () =>
        parseSwitchyardConfig(`${base}\nbudgets:\n  - ${entry}\n`, {});
    expect(broken("{ tenant: nobody, limitUsd: 1, period: daily }")).toThrow(/budgets\.0\.tenant: unknown tenant "nobody"/);
    expect(broken("{ tenant: local, limitUsd: -1, period: daily }")).toThrow(/budgets\.0\.limitUsd/);
    expect(broken("{ tenant: local, limitUsd: 1, period: hourly }")).toThrow(/budgets\.0\.period/);
    expect(broken("{ tenant: local, scope: apiKey, id: ghost, limitUsd: 1, period: daily }")).toThrow(/has no API key "ghost"/);
    expect(broken("{ tenant: local, limitUsd: 1, period: daily, timeZone: Nowhere/City }")).toThrow(/IANA time zone/);
    expect(broken("{ tenant: local, scope: taskType, limitUsd: 1, period: daily }")).toThrow(/a taskType budget needs an id/);
    expect(broken("{ tenant: local, scope: project, id: a.b, limitUsd: 1, period: daily }")).toThrow(/budgets\.0\.id: use letters, digits, '_' or '-'/);
    expect(() => parseSwitchyardConfig(`${base}\nbaselineModel: gpt-9\n`, {})).toThrow(/baselineModel: unknown model "gpt-9"/);
  });

  it("requires a listed provider's key only where keys are used (the executor)", () => {
    const listed = base.replace(", enabledWhen: OPENAI_API_KEY", "");
    expect(() => parseSwitchyardConfig(listed, {})).toThrow(/provider "openai" needs environment variable OPENAI_API_KEY/);
    const config = parseSwitchyardConfig(listed, {}, "configuration", { providerKeys: "unused" });
    expect(config.providers["openai"]?.apiKey).toBeUndefined();
    expect(Object.keys(config.models)).toEqual(["small", "gpt"]);
  });
});
