import type { MessageInitShape } from "@bufbuild/protobuf";
import type { StrategySchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { UsageError } from "../usage-error.js";

/** The strategies `ask --strategy` knows, as named in RouterService. */
export const strategyNames = ["auto", "cheapest", "cascade", "pinned", "ensemble", "critique"] as const;

/** Builds the request's Strategy from `--strategy` and `--model` (the models it applies to). */
export function strategyOf(name: string, models: readonly string[], minQuality: number | undefined): MessageInitShape<typeof StrategySchema> {
  switch (name) {
    case "auto":
      return { kind: { case: "auto", value: { minQuality, candidates: [...models] } } };
    case "cheapest":
      return { kind: { case: "cheapest", value: { minQuality, candidates: [...models] } } };
    case "cascade":
      return { kind: { case: "cascade", value: { chain: [...models] } } };
    case "ensemble":
      return { kind: { case: "ensemble", value: { models: [...models] } } };
    case "critique":
      return { kind: { case: "critique", value: { primary: models[0] ?? "" } } };
    case "pinned":
      if (models.length !== 1) throw new UsageError("--strategy pinned needs exactly one --model");
      return { kind: { case: "pinned", value: { model: models[0]! } } };
    default:
      throw new UsageError(`--strategy: unknown strategy "${name}" (use ${strategyNames.join(", ")})`);
  }
}
