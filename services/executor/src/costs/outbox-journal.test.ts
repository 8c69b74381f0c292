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

  it("compacts once past its size limit with more than half delivered, and its offsets stay valid", () => {
    const directory = mkdtempSync(join(tmpdir(), "outbox-journal-"));
    const journalPath = join(directory, "cost-outbox.journal");
    const journal = new OutboxJournal(directory, 10);
    const first = journal.append(bytes(1, 1, 1, 1));
    const second = journal.append(bytes(2));
    const third = journal.append(bytes(3));
    journal.markDelivered(first);
    expect(statSync(journalPath).size).toBe(third); // 8 of 18 bytes delivered: not yet half
    journal.markDelivered(second);
    expect(statSync(journalPath).size).toBe(third - second); // only the undelivered record is left
    const reopened = new OutboxJournal(directory, 10);
    expect(reopened.readUndelivered().map((record) => [...record.bytes])).toEqual([[3]]);
    reopened.close();
    const fourth = journal.append(bytes(4));
    journal.markDelivered(third);
    journal.markDelivered(fourth);
    expect(statSync(journalPath).size).toBe(0);
    journal.close();
  });
});
