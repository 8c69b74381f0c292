import type { Client } from "@connectrpc/connect";
import type { ExecutorService } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { Logger } from "@switchyard/runtime";
import type { ModelLoad } from "./model-load.js";

/** A ModelLoad refreshed in the background, stopped on shutdown. */
export interface ModelLoadSnapshot extends ModelLoad {
  close(): void;
}

/** Settings of the snapshot. */
export interface ModelLoadSnapshotOptions {
  /** How often the executor's ListModels is read (and how long one read may take). */
  readonly intervalMs: number;
  readonly logger: Logger;
}

/**
 * The executor's live model states (`in_flight` + `queued`), read with one ListModels every
 * `intervalMs` rather than one RPC per request, corrected by this router's own calls since the
 * reading (`begin`): a model's load is its last reading plus the calls this router started to it
 * since, less those that ended since. The readings are those of the executor replica that
 * answered. When a read fails only this router's own calls count until the next one succeeds: a
 * stale figure would keep steering calls away from a model.
 */
export function createModelLoadSnapshot(executor: Pick<Client<typeof ExecutorService>, "listModels">, options: ModelLoadSnapshotOptions): ModelLoadSnapshot {
  let readings = new Map<string, number>();
  const own = new Map<string, number>();
  let ownAtReading = new Map<string, number>();
  let reading = false;
  let failing = false;
  async function refresh(): Promise<void> {
    if (reading) return;
    reading = true;
    try {
      const { models } = await executor.listModels({}, { timeoutMs: options.intervalMs });
      readings = new Map(models.map((state) => [state.model, state.inFlight + state.queued]));
      failing = false;
    } catch (error) {
      if (!failing) options.logger.warn({ err: error }, "executor model states unavailable; routing on this router's own calls");
      failing = true;
      readings = new Map();
    } finally {
      ownAtReading = new Map(own);
      reading = false;
    }
  }
  void refresh();
  const timer = setInterval(() => void refresh(), options.intervalMs);
  timer.unref();
  return {
    loadOf(model) {
      const read = readings.get(model);
      const ownNow = own.get(model) ?? 0;
      if (read === undefined) return ownNow > 0 ? ownNow : undefined;
      return Math.max(0, read + ownNow - (ownAtReading.get(model) ?? 0));
    },
    begin(model) {
      own.set(model, (own.get(model) ?? 0) + 1);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        own.set(model, own.get(model)! - 1);
      };
    },
    close: () => clearInterval(timer),
  };
}
