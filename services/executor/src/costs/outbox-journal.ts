import { closeSync, constants, ftruncateSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";

/** A record read back from the journal, with the offset just past it. */
export interface JournalRecord {
  readonly bytes: Uint8Array;
  readonly endOffset: number;
}

/** Width of the cursor file: the offset in decimal, zero-padded, rewritten in place. */
const cursorWidth = 16;

/**
 * An append-only file of length-prefixed records plus a cursor file saying how far they have
 * been delivered. Appends and cursor writes are synchronous writes into the page cache (no
 * fsync): a record is there before the call that produced it returns, so a graceful restart
 * and a killed process lose nothing (a crash of the machine itself can). A record torn by a
 * crash mid-write is dropped on open. The cursor is overwritten in place through an open file,
 * one small write per delivery.
 */
export class OutboxJournal {
  readonly #path: string;
  #fd: number;
  readonly #cursorFd: number;
  #size: number;
  #cursor: number;

  constructor(directory: string) {
    mkdirSync(directory, { recursive: true });
    const cursorPath = join(directory, "cost-outbox.cursor");
    this.#path = join(directory, "cost-outbox.journal");
    this.#fd = openSync(this.#path, "a+");
    this.#size = fstatSync(this.#fd).size;
    this.#cursor = readCursor(cursorPath);
    if (this.#cursor > this.#size) this.#cursor = 0;
    this.#cursorFd = openSync(cursorPath, constants.O_RDWR | constants.O_CREAT);
  }

  /** Bytes in the journal, delivered records included until it is emptied. */
  get size(): number {
    return this.#size;
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
    writeSync(this.#cursorFd, String(this.#cursor).padStart(cursorWidth, "0"), 0);
  }

  /**
   * When more than half of the journal is delivered, rewrites the undelivered rest as a new
   * journal (written aside, then renamed over the old one) and returns how many bytes were
   * dropped from its front: every offset handed out before moves down by that much. Returns 0
   * and changes nothing otherwise. A crash after the rename leaves the old cursor past the new
   * end, which reopening reads as 0: the rest is delivered, not lost.
   */
  compact(): number {
    const removed = this.#cursor;
    if (removed * 2 <= this.#size) return 0;
    const rest = Buffer.alloc(this.#size - removed);
    readSync(this.#fd, rest, 0, rest.length, removed);
    writeFileSync(`${this.#path}.compacting`, rest);
    renameSync(`${this.#path}.compacting`, this.#path);
    closeSync(this.#fd);
    this.#fd = openSync(this.#path, "a+");
    this.#size = rest.length;
    this.markDelivered(0);
    return removed;
  }

  close(): void {
    closeSync(this.#fd);
    closeSync(this.#cursorFd);
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
