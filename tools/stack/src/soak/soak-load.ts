import { createClient } from "@connectrpc/connect";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { RouterService } from "@switchyard/contracts/switchyard/v1/router_pb";
import type { CompleteRequestSchema } from "@switchyard/contracts/switchyard/v1/router_pb";

type Strategy = NonNullable<MessageInitShape<typeof CompleteRequestSchema>["strategy"]>;

/** The mix a soak sends, in turn: every strategy the router serves, on the simulator's models. */
export const soakStrategies: readonly { readonly name: string; readonly strategy: Strategy }[] = [
  { name: "pinned", strategy: { kind: { case: "pinned", value: { model: "sim-small" } } } },
  { name: "cheapest", strategy: { kind: { case: "cheapest", value: {} } } },
  { name: "auto", strategy: { kind: { case: "auto", value: {} } } },
  { name: "cascade", strategy: { kind: { case: "cascade", value: { chain: ["sim-small", "sim-large"] } } } },
  { name: "critique", strategy: { kind: { case: "critique", value: { primary: "sim-small", critics: ["sim-medium"] } } } },
  { name: "ensemble", strategy: { kind: { case: "ensemble", value: { models: ["sim-small", "sim-medium"], aggregator: "sim-large" } } } },
];

/** One finished call: when it started (ms since the soak began), how long it took, and how it ended. */
export interface CallRecord {
  readonly startedMs: number;
  readonly latencyMs: number;
  readonly strategy: string;
  readonly ok: boolean;
}

/** Options of the open-loop load. */
export interface LoadOptions {
  readonly routerUrl: string;
  /** Calls started per second, whatever the answers' latency (open loop). */
  readonly ratePerSecond: number;
  /** Calls allowed in flight; a tick finding this many skips its call (counted). */
  readonly maxInFlight: number;
  readonly durationMs: number;
}

/** What the load did. */
export interface LoadResult {
  readonly calls: readonly CallRecord[];
  readonly skipped: number;
}

/** Sends the strategy mix at a steady rate for the duration, then waits for what is in flight. */
export async function runSoakLoad(options: LoadOptions): Promise<LoadResult> {
  const router = createClient(RouterService, createGrpcTransport({ baseUrl: options.routerUrl }));
  const calls: CallRecord[] = [];
  const pending = new Set<Promise<void>>();
  const begun = performance.now();
  let skipped = 0;
  let sequence = 0;
  const fire = (): void => {
    if (pending.size >= options.maxInFlight) {
      skipped += 1;
      return;
    }
    const { name, strategy } = soakStrategies[sequence % soakStrategies.length]!;
    sequence += 1;
    const started = performance.now();
    const messages = [{ role: "user", content: `Soak call ${sequence}: name a prime number above ${sequence % 97}.` }];
    const call = router
      .complete({ messages, strategy }, { timeoutMs: 60_000 })
      .then(
        () => true,
        () => false,
      )
      .then((ok) => {
        calls.push({ startedMs: started - begun, latencyMs: performance.now() - started, strategy: name, ok });
        pending.delete(call);
      });
    pending.add(call);
  };
  const intervalMs = 1_000 / options.ratePerSecond;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (performance.now() - begun >= options.durationMs) {
        clearInterval(timer);
        resolve();
        return;
      }
      fire();
    }, intervalMs);
  });
  await Promise.all(pending);
  return { calls, skipped };
}
