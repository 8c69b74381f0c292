import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { ListModelsResponseSchema } from "@switchyard/contracts/switchyard/v1/executor_pb";
import type { ListModelsResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";
import { createLogger } from "@switchyard/runtime";
import { afterEach, describe, expect, it } from "vitest";
import type { ModelLoadSnapshot } from "./model-load-snapshot.js";
import { createModelLoadSnapshot } from "./model-load-snapshot.js";

const logger = createLogger({ service: "test", level: "silent" });
let snapshot: ModelLoadSnapshot | undefined;
afterEach(() => snapshot?.close());

/** An executor whose ListModels answers `next` (or throws it), counting the reads. */
function fakeExecutor() {
  const executor = {
    reads: 0,
    next: create(ListModelsResponseSchema, { models: [{ model: "busy", inFlight: 4, queued: 3 }, { model: "idle" }] }) as ListModelsResponse | ConnectError,
    listModels: async (): Promise<ListModelsResponse> => {
      executor.reads += 1;
      if (executor.next instanceof ConnectError) throw executor.next;
      return executor.next;
    },
  };
  return executor;
}

describe("createModelLoadSnapshot", () => {
  it("reads calls in flight plus queued per model, with one ListModels per interval and none per lookup", async () => {
    const executor = fakeExecutor();
    snapshot = createModelLoadSnapshot(executor, { intervalMs: 60_000, logger });
    await expect.poll(() => snapshot!.loadOf("busy")).toBe(7);
    for (let lookup = 0; lookup < 100; lookup += 1) snapshot.loadOf("idle");
    expect(snapshot.loadOf("idle")).toBe(0);
    expect(snapshot.loadOf("unknown")).toBeUndefined();
    expect(executor.reads).toBe(1);
  });

  it("follows the executor's state, and forgets it while the executor cannot answer", async () => {
    const executor = fakeExecutor();
    snapshot = createModelLoadSnapshot(executor, { intervalMs: 20, logger });
    await expect.poll(() => snapshot!.loadOf("busy")).toBe(7);
    executor.next = create(ListModelsResponseSchema, { models: [{ model: "busy", inFlight: 1 }] });
    await expect.poll(() => snapshot!.loadOf("busy")).toBe(1);
    executor.next = new ConnectError("executor down", Code.Unavailable);
    await expect.poll(() => snapshot!.loadOf("busy")).toBeUndefined();
  });

  it("counts this router's own calls between two readings, and not twice once a reading includes them", async () => {
    const executor = fakeExecutor();
    snapshot = createModelLoadSnapshot(executor, { intervalMs: 60_000, logger });
    await expect.poll(() => snapshot!.loadOf("idle")).toBe(0);
    const ends = [snapshot.begin("idle"), snapshot.begin("idle")];
    expect(snapshot.loadOf("idle")).toBe(2);
    ends[0]!();
    ends[0]!();
    expect(snapshot.loadOf("idle")).toBe(1);
    expect(snapshot.loadOf("busy")).toBe(7);
    snapshot.close();
    // The next reading sees the call still running: it counts once.
    executor.next = create(ListModelsResponseSchema, { models: [{ model: "idle", inFlight: 1 }] });
    snapshot = createModelLoadSnapshot(executor, { intervalMs: 60_000, logger });
    const running = snapshot.begin("idle");
    await expect.poll(() => executor.reads).toBe(2);
    await expect.poll(() => snapshot!.loadOf("idle")).toBe(1);
    running();
    expect(snapshot.loadOf("idle")).toBe(0);
  });
});
