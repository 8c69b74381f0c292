import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { ModelPricing } from "@switchyard/pricing";
import type { Logger } from "@switchyard/runtime";
import type { RouterConfig } from "../config.js";
import type { BudgetGate } from "./budget-gate.js";
import { LeaseBook } from "./lease-book.js";
import { createLeaseGate } from "./lease-gate.js";
import type { LeaseLedger } from "./lease-settings.js";
import { ledgerReservations } from "./ledger-reservations.js";
import { OutputCalibration } from "./output-calibration.js";

/** The budget gate the configuration asks for, and what to do on shutdown. */
export interface ConfiguredGate {
  readonly gate: BudgetGate;
  /** Gives the replica's leases back; call after the server has drained its requests. */
  readonly stop: () => Promise<void>;
}

/** BUDGET_MODE=leases (default): leases with calibrated holds; "reservations": a Reserve per request. */
export function configuredBudgetGate(env: RouterConfig["env"], ledger: LeaseLedger, pricing: ModelPricing, logger: Logger): ConfiguredGate {
  if (env.BUDGET_MODE === "reservations") return { gate: ledgerReservations, stop: async () => undefined };
  const book = new LeaseBook({
    ledger,
    logger,
    // Unique per process start: a restarted replica never takes over a lease of its previous life.
    holderId: `${hostname()}-${process.pid}-${randomBytes(4).toString("hex")}`,
    settings: {
      sliceNanoUsd: env.BUDGET_LEASE_SLICE_NANO_USD,
      ttlSeconds: env.BUDGET_LEASE_TTL_SECONDS,
      idleMs: env.BUDGET_LEASE_IDLE_MS,
      callTimeoutMs: 2_000,
      exposureCapNanoUsd: env.BUDGET_EXPOSURE_CAP_NANO_USD,
    },
  });
  const calibration = new OutputCalibration({
    quantile: env.BUDGET_HOLD_QUANTILE,
    floorTokens: env.BUDGET_HOLD_FLOOR_TOKENS,
    coldTokens: env.BUDGET_HOLD_COLD_TOKENS,
    minSamples: env.BUDGET_HOLD_MIN_SAMPLES,
    window: 256,
  });
  return { gate: createLeaseGate({ book, calibration, pricing, exact: ledgerReservations }), stop: () => book.giveBackAll() };
}
