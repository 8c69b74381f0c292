import { create, fromJson } from "@bufbuild/protobuf";
import type { JsonObject } from "@bufbuild/protobuf";
import type { CompleteRequest, Strategy } from "@switchyard/contracts/switchyard/v1/router_pb";
import { SplitOptionsSchema, StrategySchema } from "@switchyard/contracts/switchyard/v1/router_pb";
import { parseUsd } from "@switchyard/runtime";
import { z } from "zod";
import { invalidRequest } from "./http-errors.js";
import { DoorRefusal } from "./request-body.js";
import type { DoorRequest } from "./request-body.js";

/** The `model` that lets the router choose (the `auto` strategy). */
export const autoModel = "auto";
/** `switchyard/<strategy>`: a strategy by name instead of a model. */
export const strategyModelPrefix = "switchyard/";

/**
 * The one extension object a body may carry (`"switchyard": {...}`), in snake case like the
 * APIs around it. The same settings travel as `x-switchyard-*` headers for clients that cannot
 * add body fields; the body wins where both are given.
 */
export const switchyardExtensionSchema = z.strictObject({
  /** The strategy message's fields in proto JSON (`{"minQuality":0.8,"candidates":[...]}`). */
  strategy_options: z.record(z.string(), z.unknown()).optional(),
  min_quality: z.number().min(0).max(1).optional(),
  /** Most the request may cost, in USD as a decimal string ("0.05"). */
  max_cost_usd: z.union([z.string(), z.number()]).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  idempotency_key: z.string().max(256).optional(),
  /** Map-reduce over a long input: `true`, or the SplitOptions sizes (`{"chunk_tokens": 2000}`). */
  split: z
    .union([z.boolean(), z.strictObject({ chunk_tokens: z.number().int().min(0).optional(), overlap_tokens: z.number().int().min(0).optional() })])
    .optional(),
});

export type SwitchyardExtension = z.infer<typeof switchyardExtensionSchema>;

/** The routing part of a CompleteRequest. */
export type RoutingFields = Pick<CompleteRequest, "strategy" | "minQuality" | "maxCostNanoUsd" | "idempotencyKey" | "tags" | "split">;

/** Resolves `model` and the extension (body, else headers) into the request's routing fields. */
export function routingFields(model: string, body: SwitchyardExtension | undefined, request: DoorRequest): RoutingFields {
  const settings = { ...extensionFromHeaders(request), ...body };
  const maxCost = settings.max_cost_usd === undefined ? undefined : usd(settings.max_cost_usd);
  return {
    strategy: strategyFor(model, settings.strategy_options),
    ...(settings.min_quality === undefined ? {} : { minQuality: settings.min_quality }),
    ...(maxCost === undefined ? {} : { maxCostNanoUsd: maxCost }),
    idempotencyKey: settings.idempotency_key ?? "",
    tags: settings.tags ?? {},
    split: splitFor(settings.split),
  };
}

/** The extension's split setting as SplitOptions (absent or false: no split). */
function splitFor(split: SwitchyardExtension["split"]): CompleteRequest["split"] {
  if (split === undefined || split === false) return undefined;
  const sizes = split === true ? {} : split;
  return create(SplitOptionsSchema, { enabled: true, chunkTokens: sizes.chunk_tokens ?? 0, overlapTokens: sizes.overlap_tokens ?? 0 });
}

function strategyFor(model: string, options: Record<string, unknown> | undefined): Strategy {
  if (model === autoModel) return strategyNamed("auto", options);
  if (model.startsWith(strategyModelPrefix)) return strategyNamed(model.slice(strategyModelPrefix.length), options);
  if (options)
    throw new DoorRefusal(invalidRequest('switchyard.strategy_options: only for model "auto" or "switchyard/<strategy>"', "switchyard.strategy_options"));
  return create(StrategySchema, { kind: { case: "pinned", value: { model } } });
}

/** Strategy names callers may put after `switchyard/`: the Strategy oneof's cases. */
export const strategyNames: readonly string[] = StrategySchema.oneofs[0]?.fields.map((field) => field.name) ?? [];

function strategyNamed(name: string, options: Record<string, unknown> | undefined): Strategy {
  if (!strategyNames.includes(name)) {
    throw new DoorRefusal(invalidRequest(`model: unknown strategy "${name}"; strategies: ${strategyNames.join(", ")}`, "model", 404));
  }
  try {
    return fromJson(StrategySchema, { [name]: (options ?? {}) as JsonObject });
  } catch (error) {
    throw new DoorRefusal(invalidRequest(`switchyard.strategy_options: ${(error as Error).message}`, "switchyard.strategy_options"));
  }
}

function usd(value: string | number): bigint {
  try {
    return parseUsd(value);
  } catch (error) {
    throw new DoorRefusal(invalidRequest(`switchyard.max_cost_usd: ${(error as Error).message}`, "switchyard.max_cost_usd"));
  }
}

function extensionFromHeaders(request: DoorRequest): SwitchyardExtension {
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const parsed = switchyardExtensionSchema.safeParse(
    dropUndefined({
      strategy_options: jsonHeader(header("x-switchyard-strategy-options"), "x-switchyard-strategy-options"),
      min_quality: numberHeader(header("x-switchyard-min-quality")),
      max_cost_usd: header("x-switchyard-max-cost-usd"),
      tags: tagsHeader(header("x-switchyard-tags")),
      idempotency_key: header("x-switchyard-idempotency-key") ?? header("idempotency-key"),
      split: jsonHeader(header("x-switchyard-split"), "x-switchyard-split"),
    }),
  );
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? "");
  throw new DoorRefusal(
    invalidRequest(`x-switchyard-${field.replaceAll("_", "-")}: ${parsed.error.issues[0]?.message ?? "invalid"}`, `x-switchyard-${field.replaceAll("_", "-")}`),
  );
}

function jsonHeader(value: string | undefined, name: string): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new DoorRefusal(invalidRequest(`${name}: not valid JSON`, name));
  }
}

function numberHeader(value: string | undefined): unknown {
  return value === undefined ? undefined : Number.isNaN(Number(value)) ? value : Number(value);
}

/** `project=alpha,feature=chat`. */
function tagsHeader(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const pairs = value.split(",").map((pair) => pair.split("=").map((part) => part.trim()));
  const entries: [string, string][] = pairs.flatMap(([key, tag]) => (key ? [[key, tag ?? ""] as [string, string]] : []));
  return Object.fromEntries(entries);
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
