import { readFileSync, writeFileSync } from "node:fs";
import { loadReplay } from "@switchyard/provider-sim";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";

/** How each replayed model is declared in a generated configuration. */
export interface ReplayModelDefaults {
  /** The simulator provider of the base configuration (OpenAI protocol). */
  readonly provider: string;
  readonly contextWindow: number;
  /** USD per million tokens, as decimal strings. */
  readonly inputPerMillion: string;
  readonly outputPerMillion: string;
}

const defaults: ReplayModelDefaults = { provider: "simulator", contextWindow: 131_072, inputPerMillion: "0", outputPerMillion: "0" };

/**
 * A configuration text that adds every model named in the replay files to `baseText`, served
 * by the simulator under its recorded name (`providerModel` = the name in the file). Models the
 * base configuration already declares are left as they are, so a hand-written configuration
 * can price some of them.
 */
export function replayConfigText(baseText: string, models: readonly string[], overrides: Partial<ReplayModelDefaults> = {}): string {
  const settings = { ...defaults, ...overrides };
  const config = (parseYaml(baseText) ?? {}) as { models?: Record<string, unknown> };
  const declared = { ...(config.models ?? {}) };
  for (const model of models) {
    if (declared[model] !== undefined) continue;
    declared[model] = {
      provider: settings.provider,
      providerModel: model,
      contextWindow: settings.contextWindow,
      price: { inputPerMillion: settings.inputPerMillion, outputPerMillion: settings.outputPerMillion },
    };
  }
  return `# Generated for replay mode (SIM_REPLAY): the base configuration plus every replayed model.\n${stringifyYaml({ ...config, models: declared })}`;
}

/**
 * Writes `outPath`: the configuration at `basePath` plus the models of `replayFiles` (see
 * replayConfigText). Returns the replayed model names. `npm start` uses it when SIM_REPLAY is set
 * and no SWITCHYARD_CONFIG is given.
 */
export function writeReplayConfig(basePath: string, replayFiles: readonly string[], outPath: string): string[] {
  const models = [...loadReplay(replayFiles).models.keys()];
  writeFileSync(outPath, replayConfigText(readFileSync(basePath, "utf8"), models));
  return models;
}
