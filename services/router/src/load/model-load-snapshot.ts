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
 * `intervalMs` rather than one RPC per request. The figures are those of the executor replica
 * that answered, at most one interval old. When a read fails every model reads unknown (as
 * idle) until the next one succeeds: a stale figure would keep steering calls away from a model.
 */
export function createModelLoadSnapshot(executor: Pick<Client<typeof ExecutorService>, "listModels">, options: ModelLoadSnapshotOptions): ModelLoadSnapshot {
  let loads = new Map<string, number>();
  let reading = false;
  let failing = false;
  async function refresh(): Promise<void> {
    if (reading) return;
    reading = true;
    try {
      const { models } = await executor.listModels({}, { timeoutMs: options.intervalMs });
      loads = new Map(models.map((state) => [state.model, state.inFlight + state.queued]));
      failing = false;
    } catch (error) {
      if (!failing) options.logger.warn({ err: error }, "executor model states unavailable; routing without load");
      failing = true;
      loads = new Map();
    } finally {
      reading = false;
    }
  }
  void refresh();
  const timer = setInterval(() => void refresh(), options.intervalMs);
  timer.unref();
  return {
    loadOf: (model) => loads.get(model),
    close: () => clearInterval(timer),
  };
}
