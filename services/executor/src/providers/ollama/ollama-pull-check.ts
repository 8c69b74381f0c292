import { Ollama } from "ollama";
import type { ResolvedProvider } from "@switchyard/runtime";
import type { ModelDeployment } from "../../model-deployments.js";

/** A configured Ollama model its server has not pulled. */
export interface UnpulledModel {
  readonly model: string;
  readonly providerModel: string;
  readonly host: string;
}

/** What the start-up check found: models to leave out, and servers that did not answer (their models stay: the breaker handles a server that is down). */
export interface OllamaPullCheck {
  readonly unpulled: readonly UnpulledModel[];
  readonly unreachable: readonly { readonly host: string; readonly models: readonly string[]; readonly problem: string }[];
}

/** The names an Ollama server has pulled (`GET /api/tags` through the ollama SDK). */
export type ListPulled = (host: string, headers: Readonly<Record<string, string>>) => Promise<readonly string[]>;

const listWithSdk: ListPulled = async (host, headers) => {
  const client = new Ollama({ host, headers: { ...headers }, fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(5_000) }) });
  return (await client.list()).models.map((pulled) => pulled.name);
};

/** What the check reads of a deployment. */
type Deployed = Pick<ModelDeployment, "model" | "provider" | "providerModel">;

/** `llama3.2` is pulled as `llama3.2:latest`; a tagged name must match exactly. */
function isPulled(providerModel: string, pulled: ReadonlySet<string>): boolean {
  return pulled.has(providerModel) || (!providerModel.includes(":") && pulled.has(`${providerModel}:latest`));
}

/**
 * Asks each Ollama server once which models it has pulled and returns the configured models it
 * has not, so the executor can leave them out (unavailable) with a clear message instead of
 * failing their first call.
 */
export async function checkOllamaPulls(
  providers: Readonly<Record<string, Pick<ResolvedProvider, "kind" | "baseUrl" | "headers">>>,
  deployments: ReadonlyMap<string, Deployed>,
  listPulled: ListPulled = listWithSdk,
): Promise<OllamaPullCheck> {
  const byHost = new Map<string, { headers: Readonly<Record<string, string>>; models: Deployed[] }>();
  for (const deployment of deployments.values()) {
    const provider = providers[deployment.provider];
    if (provider?.kind !== "ollama") continue;
    const entry = byHost.get(provider.baseUrl) ?? { headers: provider.headers, models: [] };
    entry.models.push(deployment);
    byHost.set(provider.baseUrl, entry);
  }
  const unpulled: UnpulledModel[] = [];
  const unreachable: OllamaPullCheck["unreachable"][number][] = [];
  await Promise.all(
    [...byHost].map(async ([host, { headers, models }]) => {
      try {
        const pulled = new Set(await listPulled(host, headers));
        for (const { model, providerModel } of models) if (!isPulled(providerModel, pulled)) unpulled.push({ model, providerModel, host });
      } catch (error) {
        unreachable.push({ host, models: models.map((deployment) => deployment.model), problem: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
  return { unpulled, unreachable };
}

/** What the report writes to. */
interface WarningLog {
  warn(fields: object, message: string): void;
}

/**
 * Leaves out of `deployments` the models their Ollama server has not pulled (the router then
 * never picks them, and ListModels does not offer them) and says so, with the command that fixes
 * it; an Ollama server that did not answer is reported, and its models stay.
 */
export function leaveOutUnpulled(check: OllamaPullCheck, deployments: Map<string, unknown>, logger: WarningLog): void {
  for (const { model, providerModel, host } of check.unpulled) {
    deployments.delete(model);
    logger.warn(
      { model, providerModel, host },
      `Ollama model ${providerModel} (configured as ${model}) is not pulled on ${host}: run \`ollama pull ${providerModel}\`; ${model} is unavailable until the executor restarts`,
    );
  }
  for (const { host, models, problem } of check.unreachable) {
    logger.warn(
      { host, models, problem },
      `Ollama server ${host} did not answer the start-up pull check; its models stay configured and the breaker guards their calls`,
    );
  }
}
