import { setTimeout as sleep } from "node:timers/promises";
import type { ServiceError } from "@grpc/grpc-js";
import type { UnaryCaller } from "./grpc-js-client.js";

/** One attempt as the router itemises it. */
export interface ItemisedAttempt {
  readonly model: string;
  readonly outcome: string;
  readonly costNanoUsd: string;
}

/** What happened to one request. */
export type TrafficResult =
  | {
      readonly ok: true;
      readonly router: number;
      readonly model: string;
      readonly caller: string;
      readonly attempts: readonly ItemisedAttempt[];
      readonly totalCostNanoUsd: string;
    }
  | {
      readonly ok: false;
      readonly router: number;
      readonly model: string;
      readonly caller: string;
      readonly code: number | undefined;
      readonly details: string;
    };

/** Who sends a request: a name for the results, its metadata, and extra request fields. */
export interface TrafficCaller {
  readonly name: string;
  readonly metadata?: Record<string, string>;
  readonly fields?: Record<string, unknown>;
}

/** Sustained traffic from several concurrent callers. */
export interface Traffic {
  /** Requests that got an answer so far. */
  succeeded(): number;
  /** Resolves once `count` more requests have succeeded than when it was called. */
  progress(count: number, timeoutMs?: number): Promise<void>;
  /** Stops sending and resolves with every result once the requests in flight are done. */
  stop(): Promise<TrafficResult[]>;
}

/** How to send the traffic. */
export interface TrafficOptions {
  /** Requests rotate over these routers. */
  readonly routers: readonly UnaryCaller[];
  readonly models: readonly string[];
  readonly workers: number;
  /** A hard bound on requests, whatever happens. */
  readonly maxRequests: number;
  /** Pause between one caller's requests. */
  readonly pauseMs: number;
  /** Who sends request `index`; by default the dev tenant, with no credentials. */
  readonly callerFor?: (index: number) => TrafficCaller;
}

/**
 * Starts `workers` callers that each send pinned Complete requests one after another through
 * the routers in turn, with prompts of one fixed length (so a model's answers all cost the same).
 */
export function startTraffic(options: TrafficOptions): Traffic {
  const results: TrafficResult[] = [];
  let sent = 0;
  let stopped = false;
  let okCount = 0;
  const send = async (index: number): Promise<void> => {
    const router = index % options.routers.length;
    const model = options.models[index % options.models.length]!;
    const caller = options.callerFor?.(index) ?? { name: "dev" };
    const request = {
      messages: [{ role: "user", content: `cluster request ${String(index).padStart(8, "0")}` }],
      strategy: { pinned: { model } },
      ...caller.fields,
    };
    try {
      const response = await options.routers[router]!.call<{ attempts: ItemisedAttempt[]; totalCostNanoUsd: string }>("Complete", request, {
        deadlineMs: 20_000,
        ...(caller.metadata ? { metadata: caller.metadata } : {}),
      });
      okCount += 1;
      results.push({ ok: true, router, model, caller: caller.name, attempts: response.attempts, totalCostNanoUsd: response.totalCostNanoUsd });
    } catch (error) {
      const failure = error as Partial<ServiceError>;
      results.push({ ok: false, router, model, caller: caller.name, code: failure.code, details: failure.details ?? String(error) });
    }
  };
  const worker = async (): Promise<void> => {
    while (!stopped && sent < options.maxRequests) {
      await send(sent++);
      await sleep(options.pauseMs);
    }
  };
  const running = Promise.all(Array.from({ length: options.workers }, worker));
  return {
    succeeded: () => okCount,
    async progress(count, timeoutMs = 60_000) {
      const target = okCount + count;
      const deadline = Date.now() + timeoutMs;
      while (okCount < target) {
        if (Date.now() > deadline) throw new Error(`traffic stalled: ${okCount} of ${target} successes after ${timeoutMs} ms (${results.length} results)`);
        if (sent >= options.maxRequests) throw new Error(`request budget of ${options.maxRequests} spent before ${target} successes`);
        await sleep(50);
      }
    },
    async stop() {
      stopped = true;
      await running;
      return results;
    },
  };
}
