import { closeSync, ftruncateSync, fstatSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/** A record read back from the journal, with the offset just past it. */
export interface JournalRecord {
  readonly bytes: Uint8Array;
  readonly endOffset: number;
}

/**
 * An append-only file of length-prefixed records plus a cursor file saying how far they have
 * been delivered. Appends are synchronous (a record is on disk, in the page cache, before the
 * call that produced it returns), so a graceful restart, and even a killed process, loses
 * nothing; a record torn by a crash mid-write is dropped on open. Once everything is
 * delivered the journal is truncated, so it only grows while NATS is away.
 */
export class OutboxJournal {
  readonly #cursorPath: string;
  readonly #fd: number;
  #size: number;
  #cursor: number;

  constructor(directory: string) {
    mkdirSync(directory, { recursive: true });
    this.#cursorPath = join(directory, "cost-outbox.cursor");
    this.#fd = openSync(join(directory, "cost-outbox.journal"), "a+");
    this.#size = fstatSync(this.#fd).size;
    this.#cursor = readCursor(this.#cursorPath);
    if (this.#cursor > this.#size) this.#cursor = 0;
  }

  /** Undelivered records, oldest first; drops a torn tail left by a crash. */
  readUndelivered(): JournalRecord[] {
    const data = this.#size === 0 ? Buffer.alloc(0) : readFileSync(this.#fd);
    const records: JournalRecord[] = [];
    let offset = this.#cursor;
    while (offset + 4 <= data.length) {
      const length = data.readUInt32BE(offset);
      if (offset + 4 + length > data.length) break;
      records.push({ bytes: new Uint8Array(data.subarray(offset + 4, offset + 4 + length)), endOffset: offset + 4 + length });
      offset += 4 + length;
    }
    if (offset < this.#size) {
      ftruncateSync(this.#fd, offset);
      this.#size = offset;
    }
    return records;
  }

  /** Appends a record; returns the offset just past it. */
  append(bytes: Uint8Array): number {
    const record = Buffer.allocUnsafe(4 + bytes.length);
    record.writeUInt32BE(bytes.length, 0);
    record.set(bytes, 4);
    writeSync(this.#fd, record);
    this.#size += record.length;
    return this.#size;
  }

  /** Records everything before `offset` as delivered; when that is everything, empties the journal. */
  markDelivered(offset: number): void {
    if (offset >= this.#size) {
      ftruncateSync(this.#fd, 0);
      this.#size = 0;
      this.#cursor = 0;
    } else {
      this.#cursor = offset;
    }
    writeFileSync(this.#cursorPath, String(this.#cursor));
  }

  close(): void {
    closeSync(this.#fd);
  }
}

function readCursor(path: string): number {
  try {
    const value = Number(readFileSync(path, "utf8"));
    return Number.isSafeInteger(value) && value >= 0 ? value : 0;
  } catch {
    return 0;
  }
}
