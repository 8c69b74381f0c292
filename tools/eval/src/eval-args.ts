import { parseArgs } from "node:util";
import { evalStrategies } from "./eval-run.js";
import type { EvalStrategy } from "./eval-run.js";

/** The command line of `npm run eval:e2e`. */
export interface EvalArgs {
  readonly data: string;
  readonly strategy: EvalStrategy;
  readonly minQuality: number;
  /** File model name -> known model name the selector should score it as. */
  readonly aliases: ReadonlyMap<string, string>;
  readonly limit: number | undefined;
  readonly concurrency: number;
  readonly model: string | undefined;
  /** A selector artifact directory to route with instead of the committed one (a held-out split's). */
  readonly artifact: string | undefined;
}

const usage =
  "usage: npm run eval:e2e -- --data <file.jsonl> --strategy <pinned|cheapest|cascade|auto|ensemble|critique> [--min-quality Q] [--alias A=B ...] [--limit N] [--concurrency N] [--model M] [--artifact DIR]";

/** Parses and checks the arguments; exits with the usage line on a mistake. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      data: { type: "string" },
      strategy: { type: "string" },
      "min-quality": { type: "string", default: "0.7" },
      alias: { type: "string", multiple: true, default: [] },
      limit: { type: "string" },
      concurrency: { type: "string", default: "2" },
      model: { type: "string" },
      artifact: { type: "string" },
    },
  });
  const strategy = values.strategy as EvalStrategy | undefined;
  const minQuality = Number(values["min-quality"]);
  if (!values.data || !strategy || !evalStrategies.includes(strategy) || !(minQuality >= 0 && minQuality <= 1)) fail();
  const aliases = new Map(
    values.alias.map((pair) => {
      const [from, to] = pair.split("=");
      if (!from || !to) fail();
      return [from, to] as const;
    }),
  );
  return {
    data: values.data,
    strategy,
    minQuality,
    aliases,
    limit: values.limit === undefined ? undefined : Number(values.limit),
    concurrency: Math.max(1, Number(values.concurrency)),
    model: values.model,
    artifact: values.artifact,
  };
}

function fail(): never {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
