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
 *
 * The file stays small: it is emptied whenever everything is delivered, and once it passes
 * `compactBytes` with more than half delivered, the undelivered rest is written aside and
 * renamed over it. Offsets handed out are logical (they count every byte ever appended), so
 * they stay valid through both.
 */
export class OutboxJournal {
  readonly #path: string;
  readonly #cursorFd: number;
  readonly #compactBytes: number;
  #fd: number;
  /** Logical offset of the file's first byte. */
  #base = 0;
  #size: number;
  /** Bytes of the file already delivered. */
  #cursor: number;

  constructor(directory: string, compactBytes = 1 << 20) {
    mkdirSync(directory, { recursive: true });
    const cursorPath = join(directory, "cost-outbox.cursor");
    this.#path = join(directory, "cost-outbox.journal");
    this.#compactBytes = compactBytes;
    this.#fd = openSync(this.#path, "a+");
    this.#size = fstatSync(this.#fd).size;
    this.#cursor = readCursor(cursorPath);
    // Past the end only after a crash right after compaction: the file then holds just the rest.
    if (this.#cursor > this.#size) this.#cursor = 0;
    this.#cursorFd = openSync(cursorPath, constants.O_RDWR | constants.O_CREAT);
  }

  /** Undelivered records, oldest first; drops a torn tail left by a crash. */
  readUndelivered(): JournalRecord[] {
    const data = this.#size === 0 ? Buffer.alloc(0) : readFileSync(this.#fd);
    const records: JournalRecord[] = [];
    let offset = this.#cursor;
    while (offset + 4 <= data.length) {
      const length = data.readUInt32BE(offset);
      if (offset + 4 + length > data.length) break;
      records.push({ bytes: new Uint8Array(data.subarray(offset + 4, offset + 4 + length)), endOffset: this.#base + offset + 4 + length });
      offset += 4 + length;
    }
    if (offset < this.#size) {
      ftruncateSync(this.#fd, offset);
      this.#size = offset;
    }
    return records;
  }

  /** Appends a record; returns the (logical) offset just past it. */
  append(bytes: Uint8Array): number {
    const record = Buffer.allocUnsafe(4 + bytes.length);
    record.writeUInt32BE(bytes.length, 0);
    record.set(bytes, 4);
    writeSync(this.#fd, record);
    this.#size += record.length;
    return this.#base + this.#size;
  }

  /** Records everything before the logical `offset` as delivered, then keeps the file small. */
  markDelivered(offset: number): void {
    const delivered = offset - this.#base;
    if (delivered >= this.#size) this.#dropDelivered(this.#size);
    else {
      this.#cursor = delivered;
      if (this.#size >= this.#compactBytes && delivered * 2 > this.#size) this.#dropDelivered(delivered);
    }
    writeSync(this.#cursorFd, String(this.#cursor).padStart(cursorWidth, "0"), 0);
  }

  close(): void {
    closeSync(this.#fd);
    closeSync(this.#cursorFd);
  }

  /** Removes the first `bytes` (all delivered) from the file; the caller writes the cursor (now 0). */
  #dropDelivered(bytes: number): void {
    if (bytes === this.#size) ftruncateSync(this.#fd, 0);
    else {
      // Written aside and renamed over: a crash leaves either the old file or the rest alone.
      const rest = Buffer.alloc(this.#size - bytes);
      readSync(this.#fd, rest, 0, rest.length, bytes);
      writeFileSync(`${this.#path}.compacting`, rest);
      renameSync(`${this.#path}.compacting`, this.#path);
      closeSync(this.#fd);
      this.#fd = openSync(this.#path, "a+");
    }
    this.#base += bytes;
    this.#size -= bytes;
    this.#cursor = 0;
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
