import { loadavg } from "node:os";
import type { UnaryCaller } from "./grpc-js-client.js";

/** What a burst of concurrent calls on one budget came to. */
export interface RaceOutcome {
  readonly granted: number;
  /** Refusals by gRPC status code. */
  readonly refused: Readonly<Record<number, number>>;
  /** Cost of every answered call, as its response says. */
  readonly costs: readonly bigint[];
}

/** One pinned call's request: the same prompt every time, so every answer costs the same. */
export function pinnedCall(model: string, prompt: string, maxOutputTokens?: number): object {
  return { messages: [{ role: "user", content: prompt }], strategy: { pinned: { model } }, ...(maxOutputTokens ? { params: { maxOutputTokens } } : {}) };
}

/** Sends `count` calls at once, spread over the routers, and counts what was granted and refused. */
export async function raceCalls(routers: readonly UnaryCaller[], count: number, request: object, metadata: Record<string, string>): Promise<RaceOutcome> {
  const outcomes = await Promise.all(
    Array.from({ length: count }, (_, index) =>
      routers[index % routers.length]!.call<{ totalCostNanoUsd: string }>("Complete", request, { metadata, deadlineMs: 60_000 }).then(
        (response) => ({ cost: BigInt(response.totalCostNanoUsd) }),
        (error: { code?: number }) => ({ code: error.code ?? -1 }),
      ),
    ),
  );
  const refused: Record<number, number> = {};
  const costs: bigint[] = [];
  for (const outcome of outcomes) {
    if ("cost" in outcome) costs.push(outcome.cost);
    else refused[outcome.code] = (refused[outcome.code] ?? 0) + 1;
  }
  return { granted: costs.length, refused, costs };
}

/** Prints a race's figures as one JSON line (the lead quotes them), with the load average. */
export function printRace(name: string, outcome: RaceOutcome, figures: { limitNanoUsd: bigint; spentNanoUsd: bigint; callCostNanoUsd: bigint }): void {
  const usd = (nano: bigint): number => Number(nano) / 1e9;
  console.log(
    `budget race ${JSON.stringify({
      race: name,
      calls: outcome.granted + Object.values(outcome.refused).reduce((sum, each) => sum + each, 0),
      granted: outcome.granted,
      refused: outcome.refused,
      limitUsd: usd(figures.limitNanoUsd),
      spentUsd: usd(figures.spentNanoUsd),
      callCostUsd: usd(figures.callCostNanoUsd),
      overLimitUsd: usd(figures.spentNanoUsd - figures.limitNanoUsd),
      loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
    })}`,
  );
}
