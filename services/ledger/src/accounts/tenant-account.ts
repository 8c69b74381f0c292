import { z } from "zod";
import type { BudgetDefinition } from "../budgets/budget-definition.js";

/** Spend of one budget in its current period. */
export interface UsageCounter {
  periodStart: number;
  spentNanoUsd: bigint;
  tokens: bigint;
  /** Thresholds already alerted this period (an alert fires once per threshold per period). */
  alerted: number[];
}

/**
 * An open reservation and what its attempts have settled so far. The hold counting against
 * budgets is `amount - settled` (never below zero). Released and expired reservations are
 * removed at once, so an account holds only what is in flight (bounded by concurrency, not by
 * traffic over time).
 */
export interface Reservation {
  readonly id: string;
  readonly requestId: string;
  readonly apiKeyId: string;
  readonly project: string;
  /** The task type of the requests it holds for ("" for none): its task-type budget applies. */
  readonly taskType: string;
  amountNanoUsd: bigint;
  tokens: bigint;
  settledNanoUsd: bigint;
  settledTokens: bigint;
  readonly reservedAt: number;
  /** Extended by RenewLease for a lease. */
  expiresAt: number;
  /**
   * Set by a Release that reported cost not yet settled: the reservation then holds only that
   * cost, and goes once its events have settled it (or at its TTL).
   */
  released?: boolean;
  /** Set on a budget lease: one router replica's slice, spent by many requests (lease-rules.ts). */
  lease?: boolean;
}

/** A budget as stored, with the digest of the config entry that last seeded it, if any. */
export interface StoredBudget {
  definition: BudgetDefinition;
  configDigest: string | undefined;
}

/**
 * Everything the ledger enforces for one tenant, kept in one JetStream KV entry so that one
 * revision-checked write changes budgets, holds and spend of every level together.
 * `appliedSeq` is the COSTS stream sequence of the last cost event applied: applying an event
 * at or below it changes nothing (redelivery and replay are harmless).
 */
export interface TenantAccount {
  readonly tenant: string;
  appliedSeq: number;
  budgets: Record<string, StoredBudget>;
  usage: Record<string, UsageCounter>;
  reservations: Record<string, Reservation>;
}

/** A fresh account. */
export function emptyAccount(tenant: string): TenantAccount {
  return { tenant, appliedSeq: 0, budgets: {}, usage: {}, reservations: {} };
}

const integer = z
  .string()
  .regex(/^-?\d+$/)
  .transform((value) => BigInt(value));
const optionalInteger = integer.optional();

const definitionSchema = z.object({
  tenant: z.string(),
  scope: z.enum(["tenant", "apiKey", "project", "taskType"]),
  scopeId: z.string(),
  limitNanoUsd: integer,
  limitTokens: optionalInteger,
  period: z.enum(["daily", "weekly", "monthly", "total"]),
  timeZone: z.string(),
  perRequestCapNanoUsd: optionalInteger,
  alertThresholds: z.array(z.number()),
});

const accountSchema = z.object({
  tenant: z.string(),
  appliedSeq: z.number().int().nonnegative(),
  budgets: z.record(z.string(), z.object({ definition: definitionSchema, configDigest: z.string().optional() })),
  usage: z.record(z.string(), z.object({ periodStart: z.number(), spentNanoUsd: integer, tokens: integer, alerted: z.array(z.number()) })),
  reservations: z.record(
    z.string(),
    z.object({
      id: z.string(),
      requestId: z.string(),
      apiKeyId: z.string(),
      project: z.string(),
      // Absent in entries written before task-type budgets: such holds had no task type.
      taskType: z.string().default(""),
      amountNanoUsd: integer,
      tokens: integer,
      settledNanoUsd: integer,
      settledTokens: integer,
      reservedAt: z.number(),
      expiresAt: z.number(),
      released: z.boolean().optional(),
      lease: z.boolean().optional(),
    }),
  ),
});

/** JSON with bigints as decimal strings (JSON numbers would lose nano-USD precision). */
export function encodeAccount(account: TenantAccount): string {
  return JSON.stringify(account, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

/** Parses a stored account; a malformed entry is an error, never silently reset. */
export function decodeAccount(text: string): TenantAccount {
  const parsed = accountSchema.parse(JSON.parse(text));
  const budgets = Object.fromEntries(
    Object.entries(parsed.budgets).map(([id, stored]) => [
      id,
      {
        definition: { ...stored.definition, limitTokens: stored.definition.limitTokens, perRequestCapNanoUsd: stored.definition.perRequestCapNanoUsd },
        configDigest: stored.configDigest,
      },
    ]),
  );
  return { ...parsed, budgets };
}
