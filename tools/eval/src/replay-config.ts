import { formatUsd } from "@switchyard/runtime";
import { stringify } from "yaml";

/** A model of the data file as the replay stack serves it. */
export interface ReplayModel {
  readonly name: string;
  readonly pricePerMillionNanoUsd: bigint;
  /** Known model the selector should score this one as (from --alias). */
  readonly aliasOf?: string;
}

/**
 * The Switchyard configuration for a replay run: one simulated provider (the simulator in
 * replay mode) serving every model of the file under its own name and price, a dev tenant,
 * and the routing defaults. The simulator is announced as simulated, as always.
 */
export function replayConfigYaml(models: readonly ReplayModel[], minQuality: number): string {
  return stringify({
    providers: { simulator: { kind: "openai", baseUrl: "${SIM_URL}/v1", simulated: true } },
    models: Object.fromEntries(
      models.map((model) => [
        model.name,
        {
          provider: "simulator",
          providerModel: model.name,
          contextWindow: 131_072,
          price: { inputPerMillion: formatUsd(model.pricePerMillionNanoUsd), outputPerMillion: formatUsd(model.pricePerMillionNanoUsd) },
          ...(model.aliasOf ? { aliasOf: model.aliasOf } : {}),
        },
      ]),
    ),
    tenants: { local: {} },
    devTenant: "local",
    routing: { defaultMinQuality: minQuality, defaultMaxOutputTokens: 512 },
  });
}
