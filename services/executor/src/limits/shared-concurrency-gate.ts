import { create } from "@bufbuild/protobuf";
import { ConcurrencyRecordSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { Logger } from "@switchyard/runtime";
import type { KeyValueStore } from "../coordination/key-value-store.js";
import { modelKey } from "../coordination/key-value-store.js";
import { createSharedRecord } from "../coordination/shared-record.js";
import type { ConcurrencyGate, GateEntry } from "./concurrency-gate.js";
import { fairShare, freeSlots, ownHolding, withHolding } from "./concurrency-holdings.js";
import type { LeaseSizing } from "./rate-lease.js";
import { defaultLeaseSizing, leasable, leaseChunk } from "./rate-lease.js";

/** Settings of a concurrency cap shared by the replicas. */
export interface SharedConcurrencyGateOptions {
  readonly model: string;
  /** This replica's name in the record (EXECUTOR_INSTANCE). */
  readonly instance: string;
  readonly maxConcurrency: number;
  readonly maxQueue: number;
  readonly store: KeyValueStore;
  readonly nowMs: () => number;
  readonly logger: Logger;
  readonly leaseSizing?: LeaseSizing;
  /** How long a holding counts without renewal (default 15,000 ms): how long a killed replica's slots stay lost. */
  readonly leaseTtlMs?: number;
  /** Spare slots unused this long go back to the record (default 2,000 ms). */
  readonly leaseIdleMs?: number;
  /** How often queued calls look for slots the other replicas freed (default 100 ms). */
  readonly pollMs?: number;
}

interface Waiter {
  readonly grant: (entry: GateEntry) => void;
}

/**
 * Caps the calls in flight to one deployment at `maxConcurrency` across every replica, through
 * the same SharedRecord mechanism as the RPM/TPM buckets: a KV record (`concurrency.<model>`) of
 * the slots each replica holds, changed by compare-and-set. A replica holds its calls in flight
 * plus, for caps of 20 and more, a spare lease (5% of the cap, taken ahead in the background and
 * kept up to two chunks), so most calls enter and leave with no store round trip. A call the
 * holding cannot cover takes its slot from the record in this replica's turn; if none is free it
 * waits in a bounded FIFO queue (`maxQueue`) that looks for freed slots every `pollMs`; while
 * other replicas have callers waiting too, a replica keeps no more than its share of the cap in
 * proportion to demand, so no queue keeps every slot (holdings carry their waiting count). Holdings
 * expire `leaseTtlMs` after their last renewal (renewed while held, every `leaseIdleMs`), so the
 * slots of a killed replica come back; spare slots go back after `leaseIdleMs` unused and on close.
 */
export function createSharedConcurrencyGate(options: SharedConcurrencyGateOptions): ConcurrencyGate {
  const { instance, maxQueue } = options;
  const cap = options.maxConcurrency;
  const ttlMs = options.leaseTtlMs ?? 15_000;
  const idleMs = options.leaseIdleMs ?? 2_000;
  const upkeepMs = Math.max(1, Math.min(idleMs, Math.floor(ttlMs / 3)));
  const chunk = leaseChunk(cap, 1, options.leaseSizing ?? defaultLeaseSizing);
  const record = createSharedRecord({
    key: modelKey("concurrency", options.model),
    schema: ConcurrencyRecordSchema,
    initial: () => create(ConcurrencyRecordSchema),
    store: options.store,
    nowMs: options.nowMs,
    logger: options.logger,
    label: `shared concurrency cap of ${options.model}`,
  });
  let held = 0;
  let inFlight = 0;
  /** This replica's fair share as the last read of the record found it (Infinity: nobody else waits). */
  let share = Infinity;
  let lastUsedMs = options.nowMs();
  const waiting: Waiter[] = [];
  let upkeepTimer: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let background: Promise<void> | undefined;
  let pending: (() => Promise<void>) | undefined;

  /**
   * Inside a serial step: stores this replica's holding as `wanted(free)` says (never below its
   * calls in flight; never above what the others leave free, nor above its fair share while
   * they have callers waiting), with its waiting count, renewing it.
   */
  async function hold(wanted: (free: number) => number): Promise<void> {
    held = await record.updateNow((stored, nowMs) => {
      const free = freeSlots(stored, instance, cap, nowMs);
      share = fairShare(stored, instance, cap, inFlight + waiting.length, nowMs);
      const slots = Math.max(inFlight, Math.min(free, share, wanted(free)));
      // The waiting calls these slots will let in (grantWaiters, after this change) wait no more.
      const stillWaiting = Math.max(0, waiting.length - (slots - inFlight));
      const own = ownHolding(stored, instance);
      const fresh = own !== undefined && Number(own.expiresAtMs) - nowMs > ttlMs / 2;
      const same = (own?.slots ?? 0) === slots && (own?.waiting ?? 0) === stillWaiting;
      if (same && ((slots === 0 && stillWaiting === 0) || fresh)) return { result: slots };
      return { store: withHolding(stored, instance, { slots, waiting: stillWaiting, expiresAtMs: nowMs + ttlMs }, nowMs), result: slots };
    });
    armUpkeep();
  }

  /** Inside a serial step: holds what the waiting calls need (or a spare chunk when none waits) and lets them in. */
  async function rebalance(): Promise<void> {
    await hold(() => inFlight + (waiting.length > 0 ? waiting.length : chunk));
    grantWaiters();
  }

  /** One background change at a time; one asked for meanwhile runs after it (it then sees the newest state). */
  function inBackground(step: () => Promise<void>): void {
    if (background) {
      pending = step;
      return;
    }
    background = record.serially(step).finally(() => {
      background = undefined;
      const next = pending;
      pending = undefined;
      if (next) inBackground(next);
    });
  }

  function slot(): GateEntry {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        release();
      },
    };
  }

  /** A freed slot goes to the next local caller, unless this replica holds more than its fair share. */
  function release(): void {
    if (waiting.length > 0 && held <= share) {
      waiting.shift()!.grant(slot());
      // The record still counts that caller as waiting: say it no longer is once nobody waits.
      if (waiting.length === 0) inBackground(rebalance);
      return;
    }
    inFlight -= 1;
    if (waiting.length > 0 || held - inFlight > 2 * chunk) inBackground(rebalance);
  }

  /** Takes a chunk ahead when the spare slots run below half a chunk and the others keep five. */
  function topUpAhead(): void {
    if (chunk === 0 || held - inFlight >= chunk / 2) return;
    inBackground(() => hold((free) => held + leasable(free - held, chunk)));
  }

  /** Renews the holding while there is one, and gives spare slots back once idle. */
  function armUpkeep(): void {
    if (upkeepTimer || held === 0) return;
    upkeepTimer = setTimeout(() => {
      upkeepTimer = undefined;
      const idle = options.nowMs() - lastUsedMs >= idleMs;
      void record.serially(() => hold(() => (idle ? inFlight : held)));
    }, upkeepMs);
    upkeepTimer.unref();
  }

  /** While calls wait: takes what the other replicas freed, for as many waiters as it can. */
  function armPoll(): void {
    if (pollTimer || waiting.length === 0) return;
    pollTimer = setTimeout(() => {
      pollTimer = undefined;
      void record.serially(async () => waiting.length > 0 && (await rebalance())).finally(armPoll);
    }, options.pollMs ?? 100);
    pollTimer.unref();
  }

  function grantWaiters(): void {
    while (inFlight < held && waiting.length > 0) {
      inFlight += 1;
      waiting.shift()!.grant(slot());
    }
  }

  function queue(signal: AbortSignal): Promise<GateEntry> | GateEntry {
    if (waiting.length >= maxQueue) return { refused: "queue_full" };
    return new Promise<GateEntry>((resolve) => {
      const onAbort = (): void => {
        const index = waiting.indexOf(waiter);
        if (index >= 0) waiting.splice(index, 1);
        if (waiting.length === 0) inBackground(rebalance);
        resolve({ refused: "aborted" });
      };
      const waiter: Waiter = {
        grant: (entry) => {
          signal.removeEventListener("abort", onAbort);
          resolve(entry);
        },
      };
      waiting.push(waiter);
      signal.addEventListener("abort", onAbort, { once: true });
      armPoll();
    });
  }

  /** A call the holding does not cover: in this replica's turn, a slot from the record (and a chunk ahead), else the queue. */
  async function enterShared(signal: AbortSignal): Promise<GateEntry> {
    const admitted = await record.serially(async (): Promise<boolean> => {
      if (waiting.length > 0) return false;
      if (inFlight >= held) await hold((free) => inFlight + 1 + leasable(free - inFlight - 1, chunk));
      if (inFlight >= held) return false;
      inFlight += 1;
      return true;
    });
    return admitted ? slot() : queue(signal);
  }

  return {
    get inFlight() {
      return inFlight;
    },
    get queued() {
      return waiting.length;
    },
    enter(signal) {
      lastUsedMs = options.nowMs();
      if (waiting.length > 0 || inFlight >= held) return enterShared(signal);
      inFlight += 1;
      topUpAhead();
      return slot();
    },
    async close() {
      clearTimeout(upkeepTimer);
      clearTimeout(pollTimer);
      upkeepTimer = pollTimer = undefined;
      await record.serially(() => hold(() => inFlight));
      clearTimeout(upkeepTimer);
      upkeepTimer = undefined;
    },
  };
}
