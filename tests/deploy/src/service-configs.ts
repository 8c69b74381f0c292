import { loadConfig as loadCriticConfig } from "@switchyard/critic/config";
import { loadConfig as loadExecutorConfig } from "@switchyard/executor/config";
import { loadConfig as loadLedgerConfig } from "@switchyard/ledger/config";
import { loadConfig as loadRouterConfig } from "@switchyard/router/config";
import { loadConfig as loadSelectorConfig } from "@switchyard/selector/config";

/** The five Switchyard services; each is a Deployment of the same name. */
export const switchyardServices = ["router", "selector", "executor", "critic", "ledger"] as const;
export type SwitchyardService = (typeof switchyardServices)[number];

/** What the checks read from any service's parsed settings (env holds every variable it parsed). */
export interface ParsedServiceConfig {
  readonly env: { readonly PORT: number; readonly METRICS_PORT: number; readonly SHUTDOWN_GRACE_MS: number } & object;
}

/** Every address a service's parsed settings name (peers, NATS), defaults included: variable → host:port list. */
export function calledAddresses(parsed: ParsedServiceConfig): Record<string, { host: string; port: number }[]> {
  const addresses: Record<string, { host: string; port: number }[]> = {};
  const variables: Record<string, unknown> = { ...parsed.env };
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value !== "string" || !/^(https?|nats|dns):\/\//.test(value)) continue;
    addresses[name] = value.split(",").map((part) => {
      const dns = /^dns:\/\/\/([^:]+):(\d+)$/.exec(part.trim());
      if (dns) return { host: dns[1]!, port: Number(dns[2]) };
      const url = new URL(part.trim());
      return { host: url.hostname, port: Number(url.port || (url.protocol === "https:" ? 443 : 80)) };
    });
  }
  return addresses;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** Each service's own loadConfig: the code that decides at start-up whether it can run. */
export const serviceConfigLoaders: Readonly<Record<SwitchyardService, (env: Environment) => ParsedServiceConfig>> = {
  router: loadRouterConfig,
  selector: loadSelectorConfig,
  executor: loadExecutorConfig,
  critic: loadCriticConfig,
  ledger: loadLedgerConfig,
};

/** The peer targets a service calls, by the service it calls, as its own config parsed them. */
export function peerTargets(service: SwitchyardService, env: Environment): Partial<Record<SwitchyardService | "nats", string>> {
  switch (service) {
    case "router": {
      const parsed = loadRouterConfig(env).env;
      return { selector: parsed.SELECTOR_URL, executor: parsed.EXECUTOR_URL, critic: parsed.CRITIC_URL, ledger: parsed.LEDGER_URL };
    }
    case "critic":
      return { executor: loadCriticConfig(env).env.EXECUTOR_URL };
    case "executor":
      return { nats: loadExecutorConfig(env).env.NATS_URL };
    case "ledger":
      return { nats: loadLedgerConfig(env).env.NATS_URL };
    default:
      return {};
  }
}

/** COST_STREAM_REPLICAS as the executor or ledger parsed it. */
export function costStreamReplicas(service: "executor" | "ledger", env: Environment): number {
  return service === "executor" ? loadExecutorConfig(env).env.COST_STREAM_REPLICAS : loadLedgerConfig(env).env.COST_STREAM_REPLICAS;
}

/** The mesh token the router sends, or the ledger checks, as its own config parsed it. */
export function meshToken(service: "router" | "ledger", env: Environment): string | undefined {
  return service === "router" ? loadRouterConfig(env).env.MESH_TOKEN : loadLedgerConfig(env).env.MESH_TOKEN;
}

/** Base URLs of the providers the executor will call, as its own config resolved them. */
export function providerBaseUrls(env: Environment): string[] {
  return Object.values(loadExecutorConfig(env).switchyard.providers).map((provider) => provider.baseUrl);
}
