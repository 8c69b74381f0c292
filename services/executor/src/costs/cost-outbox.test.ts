import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { create } from "@bufbuild/protobuf";
import { CostEventSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { createLogger } from "@switchyard/runtime";
import { describe, expect, it } from "vitest";
import { openCostOutbox } from "./cost-outbox.js";

const logger = createLogger({ service: "outbox-test", level: "silent" });
const event = (id: string) => create(CostEventSchema, { eventId: id, tenant: "acme" });

describe("openCostOutbox", () => {
  it("journals every event before publish returns: a process killed before delivery loses none", async () => {
    const directory = mkdtempSync(join(tmpdir(), "outbox-"));
    // The first process's publisher never hears back (NATS stalled); the process dies without closing.
    const killed = openCostOutbox({ directory, maxEvents: 10, logger, publisher: () => new Promise(() => undefined) });
    for (const id of ["a", "b"]) killed.publish(event(id));
    const delivered: string[] = [];
    const restarted = openCostOutbox({ directory, maxEvents: 10, logger, publisher: async (sent) => void delivered.push(sent.eventId) });
    expect(await restarted.flush(5_000)).toBe(true);
    expect(delivered).toEqual(["a", "b"]);
    await restarted.close();
  });

  it("compacts the journal under a backlog that never empties; a crash afterwards re-sends nothing delivered", async () => {
    const directory = mkdtempSync(join(tmpdir(), "outbox-"));
    const delivered: string[] = [];
    const ids = Array.from({ length: 300 }, (_, index) => `event-${index}`);
    // Delivers 200 events, then stalls on the 201st: the process is killed while it waits.
    const publisher = (sent: { eventId: string }) =>
      delivered.length < 200 ? Promise.resolve(void delivered.push(sent.eventId)) : new Promise<void>(() => undefined);
    const killed = openCostOutbox({ directory, maxEvents: 1_000, logger, compactBytes: 1_024, publisher });
    for (const id of ids) killed.publish(event(id));
    const fullSize = statSync(join(directory, "cost-outbox.journal")).size;
    while (delivered.length < 200) await sleep(1);
    expect(statSync(join(directory, "cost-outbox.journal")).size).toBeLessThan(fullSize / 2);
    const redelivered: string[] = [];
    const restarted = openCostOutbox({
      directory,
      maxEvents: 1_000,
      logger,
      compactBytes: 1_024,
      publisher: async (sent) => void redelivered.push(sent.eventId),
    });
    expect(await restarted.flush(5_000)).toBe(true);
    expect([delivered, redelivered]).toEqual([ids.slice(0, 200), ids.slice(200)]);
    await restarted.close();
  });

  it("delivers in order, keeps retrying the oldest event while the publisher fails, and says when it is full", async () => {
    let up = false;
    const delivered: string[] = [];
    const outbox = openCostOutbox({
      directory: mkdtempSync(join(tmpdir(), "outbox-")),
      maxEvents: 3,
      logger,
      retryMinMs: 5,
      retryMaxMs: 20,
      publisher: async (sent) => {
        if (!up) throw new Error("down");
        delivered.push(sent.eventId);
      },
    });
    for (const id of ["a", "b", "c"]) outbox.publish(event(id));
    await sleep(50);
    expect([outbox.pending, outbox.full, delivered]).toEqual([3, true, []]);
    up = true;
    expect(await outbox.flush(5_000)).toBe(true);
    expect([outbox.pending, outbox.full, delivered]).toEqual([0, false, ["a", "b", "c"]]);
    await outbox.close();
  });

  it("keeps undelivered events on disk through a close and delivers them, once, after reopening", async () => {
    const directory = mkdtempSync(join(tmpdir(), "outbox-"));
    const delivered: string[] = [];
    let up = true;
    const publisher = async (sent: { eventId: string }) => {
      if (!up) throw new Error("down");
      delivered.push(sent.eventId);
    };
    const first = openCostOutbox({ directory, maxEvents: 100, logger, publisher, retryMinMs: 5 });
    first.publish(event("delivered-before"));
    await first.flush(5_000);
    up = false;
    for (const id of ["e1", "e2"]) first.publish(event(id));
    expect(await first.flush(50)).toBe(false);
    await first.close();
    up = true;
    const second = openCostOutbox({ directory, maxEvents: 100, logger, publisher, retryMinMs: 5 });
    second.publish(event("e3"));
    expect(await second.flush(5_000)).toBe(true);
    await second.close();
    expect(delivered).toEqual(["delivered-before", "e1", "e2", "e3"]);
  });
});
