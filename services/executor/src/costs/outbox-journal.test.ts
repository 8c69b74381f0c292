import { appendFileSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OutboxJournal } from "./outbox-journal.js";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("OutboxJournal", () => {
  it("replays what was appended and not delivered, across reopenings", () => {
    const directory = mkdtempSync(join(tmpdir(), "outbox-journal-"));
    const journal = new OutboxJournal(directory);
    const first = journal.append(bytes(1, 2));
    journal.append(bytes(3));
    journal.markDelivered(first);
    journal.close();
    const reopened = new OutboxJournal(directory);
    expect(reopened.readUndelivered().map((record) => [...record.bytes])).toEqual([[3]]);
    reopened.close();
  });

  it("drops a record torn by a crash mid-write, and empties itself once all is delivered", () => {
    const directory = mkdtempSync(join(tmpdir(), "outbox-journal-"));
    const journal = new OutboxJournal(directory);
    const end = journal.append(bytes(7, 7, 7));
    journal.close();
    appendFileSync(join(directory, "cost-outbox.journal"), Buffer.from([0, 0, 0, 9, 1, 2]));
    const reopened = new OutboxJournal(directory);
    expect(reopened.readUndelivered().map((record) => [...record.bytes])).toEqual([[7, 7, 7]]);
    reopened.markDelivered(end);
    expect(statSync(join(directory, "cost-outbox.journal")).size).toBe(0);
    reopened.close();
  });

  it("compacts once more than half is delivered, moving later offsets down by what it dropped", () => {
    const directory = mkdtempSync(join(tmpdir(), "outbox-journal-"));
    const journal = new OutboxJournal(directory);
    const first = journal.append(bytes(1, 1, 1, 1));
    expect(journal.compact()).toBe(0);
    const second = journal.append(bytes(2));
    const third = journal.append(bytes(3));
    journal.markDelivered(second);
    expect(journal.compact()).toBe(second);
    expect(journal.size).toBe(third - second);
    journal.close();
    const reopened = new OutboxJournal(directory);
    expect(reopened.readUndelivered().map((record) => [[...record.bytes], record.endOffset])).toEqual([[[3], third - second]]);
    expect(first).toBe(8);
    reopened.close();
  });
});
