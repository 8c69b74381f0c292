import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { BudgetPeriod, BudgetSchema, BudgetScope } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { Budget } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { isTimeZone, subjectTokenPattern, taskTypePattern } from "@switchyard/runtime";
import type { BudgetConfig, KeyDirectory } from "@switchyard/runtime";
import type { PeriodKind } from "./budget-period.js";

/** What a budget applies to: all of a tenant's spend, or one key's, project's or task type's. */
export type ScopeKind = "tenant" | "apiKey" | "project" | "taskType";

/** A validated budget, as the ledger stores and enforces it. Money in nano-USD. */
export interface BudgetDefinition {
  readonly tenant: string;
  readonly scope: ScopeKind;
  /** API key id, project name or task type; "" for a tenant budget. */
  readonly scopeId: string;
  readonly limitNanoUsd: bigint;
  readonly limitTokens: bigint | undefined;
  readonly period: PeriodKind;
  /** The zone the budget was set with; "" follows the ledger's configured zone. */
  readonly timeZone: string;
  readonly perRequestCapNanoUsd: bigint | undefined;
  /** Ascending, distinct fractions of the limit. */
  readonly alertThresholds: readonly number[];
}

/** The word of a scope in budget ids. */
const scopeWord: Record<Exclude<ScopeKind, "tenant">, string> = { apiKey: "key", project: "project", taskType: "task" };

/**
 * The stable id of a budget: "<tenant>", "<tenant>/key/<id>", "<tenant>/project/<name>" or
 * "<tenant>/task/<task type>".
 */
export function budgetId(tenant: string, scope: ScopeKind, scopeId: string): string {
  if (scope === "tenant") return tenant;
  return `${tenant}/${scopeWord[scope]}/${scopeId}`;
}

/** The id of a stored definition. */
export function idOf(definition: BudgetDefinition): string {
  return budgetId(definition.tenant, definition.scope, definition.scopeId);
}

const scopeFromProto: Partial<Record<BudgetScope, ScopeKind>> = {
  [BudgetScope.TENANT]: "tenant",
  [BudgetScope.API_KEY]: "apiKey",
  [BudgetScope.PROJECT]: "project",
  [BudgetScope.TASK_TYPE]: "taskType",
};
const periodFromProto: Partial<Record<BudgetPeriod, PeriodKind>> = {
  [BudgetPeriod.DAILY]: "daily",
  [BudgetPeriod.WEEKLY]: "weekly",
  [BudgetPeriod.MONTHLY]: "monthly",
  [BudgetPeriod.TOTAL]: "total",
};
const scopeToProto: Record<ScopeKind, BudgetScope> = {
  tenant: BudgetScope.TENANT,
  apiKey: BudgetScope.API_KEY,
  project: BudgetScope.PROJECT,
  taskType: BudgetScope.TASK_TYPE,
};
const periodToProto: Record<PeriodKind, BudgetPeriod> = {
  daily: BudgetPeriod.DAILY,
  weekly: BudgetPeriod.WEEKLY,
  monthly: BudgetPeriod.MONTHLY,
  total: BudgetPeriod.TOTAL,
};

function invalid(message: string): never {
  throw new ConnectError(message, Code.InvalidArgument);
}

/**
 * Checks a budget from SetBudget or the configuration: known tenant and key, non-negative
 * limits, a known period and zone, sensible thresholds. Refusals are INVALID_ARGUMENT with a
 * message naming the field.
 */
export function validateBudget(definition: BudgetDefinition, directory: KeyDirectory): BudgetDefinition {
  const { tenant, scope, scopeId } = definition;
  if (!tenant) invalid("budget.tenant: required");
  if (!directory.hasTenant(tenant)) invalid(`budget.tenant: unknown tenant "${tenant}"`);
  if (scope === "tenant" && scopeId !== "") invalid("budget.scope_id: must be empty for a tenant budget");
  if (scope === "taskType" && !taskTypePattern.test(scopeId))
    invalid("budget.scope_id: a task type of at most 64 letters, digits, '_', '-' or '.' is required");
  if ((scope === "apiKey" || scope === "project") && !subjectTokenPattern.test(scopeId))
    invalid(`budget.scope_id: a ${scope === "apiKey" ? "key id" : "project name"} of letters, digits, '_' or '-' is required`);
  if (scope === "apiKey" && !directory.hasApiKey(tenant, scopeId)) invalid(`budget.scope_id: tenant "${tenant}" has no API key "${scopeId}"`);
  if (definition.limitNanoUsd < 0n) invalid(`budget.limit_nano_usd: must not be negative (got ${definition.limitNanoUsd})`);
  if (definition.perRequestCapNanoUsd !== undefined && definition.perRequestCapNanoUsd < 0n) {
    invalid(`budget.per_request_cap_nano_usd: must not be negative (got ${definition.perRequestCapNanoUsd})`);
  }
  if (definition.timeZone !== "" && !isTimeZone(definition.timeZone)) invalid(`budget.time_zone: "${definition.timeZone}" is not an IANA time zone`);
  for (const threshold of definition.alertThresholds) {
    if (!Number.isFinite(threshold) || threshold <= 0 || threshold > 10) invalid(`budget.alert_thresholds: ${threshold} is not a fraction in (0, 10]`);
  }
  return { ...definition, alertThresholds: [...new Set(definition.alertThresholds)].sort((left, right) => left - right) };
}

/** A SetBudget body as a definition; an unknown scope or period is INVALID_ARGUMENT. */
export function budgetFromProto(budget: Budget | undefined): BudgetDefinition {
  if (!budget) invalid("budget: required");
  const scope = scopeFromProto[budget.scope] ?? invalid(`budget.scope: unknown scope ${budget.scope} (use TENANT, API_KEY, PROJECT or TASK_TYPE)`);
  const period = periodFromProto[budget.period] ?? invalid(`budget.period: unknown period ${budget.period} (use DAILY, WEEKLY, MONTHLY or TOTAL)`);
  return {
    tenant: budget.tenant,
    scope,
    scopeId: budget.scopeId,
    limitNanoUsd: budget.limitNanoUsd,
    limitTokens: budget.limitTokens,
    period,
    timeZone: budget.timeZone,
    perRequestCapNanoUsd: budget.perRequestCapNanoUsd,
    alertThresholds: budget.alertThresholds,
  };
}

/** A `budgets:` entry of the configuration file as a definition. */
export function budgetFromConfig(entry: BudgetConfig): BudgetDefinition {
  return {
    tenant: entry.tenant,
    scope: entry.scope,
    scopeId: entry.id ?? "",
    limitNanoUsd: entry.limitUsd,
    limitTokens: entry.limitTokens === undefined ? undefined : BigInt(entry.limitTokens),
    period: entry.period,
    timeZone: entry.timeZone ?? "",
    perRequestCapNanoUsd: entry.perRequestCapUsd,
    alertThresholds: entry.alertThresholds,
  };
}

/** The definition in the contract's shape. */
export function budgetToProto(definition: BudgetDefinition): Budget {
  return create(BudgetSchema, {
    tenant: definition.tenant,
    scope: scopeToProto[definition.scope],
    scopeId: definition.scopeId,
    limitNanoUsd: definition.limitNanoUsd,
    limitTokens: definition.limitTokens,
    period: periodToProto[definition.period],
    timeZone: definition.timeZone,
    perRequestCapNanoUsd: definition.perRequestCapNanoUsd,
    alertThresholds: [...definition.alertThresholds],
  });
}
