import { timestampMs } from "@bufbuild/protobuf/wkt";
import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError } from "@connectrpc/connect";

/** The valid range of google.protobuf.Timestamp: 0001-01-01 to 9999-12-31. */
const minSeconds = -62_135_596_800n;
const maxSeconds = 253_402_300_799n;

function toMs(field: string, timestamp: Timestamp): number {
  if (timestamp.seconds < minSeconds || timestamp.seconds > maxSeconds) {
    throw new ConnectError(`${field}: seconds ${timestamp.seconds} is outside 0001-01-01..9999-12-31`, Code.InvalidArgument);
  }
  if (timestamp.nanos < 0 || timestamp.nanos > 999_999_999) {
    throw new ConnectError(`${field}: nanos ${timestamp.nanos} is outside 0..999999999`, Code.InvalidArgument);
  }
  return Number(timestampMs(timestamp));
}

/**
 * A request's [start, end) in epoch ms: unset start is the beginning of the data, unset end is
 * now. A malformed timestamp or a start after the end is INVALID_ARGUMENT.
 */
export function timeRange(start: Timestamp | undefined, end: Timestamp | undefined, now: number): { startMs: number; endMs: number } {
  const startMs = start ? toMs("start", start) : Number.NEGATIVE_INFINITY;
  const endMs = end ? toMs("end", end) : now + 1;
  if (startMs > endMs) {
    throw new ConnectError(`start ${new Date(startMs).toISOString()} is after end ${new Date(endMs).toISOString()}`, Code.InvalidArgument);
  }
  return { startMs, endMs };
}
