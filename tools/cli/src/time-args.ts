import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { Timestamp } from "@bufbuild/protobuf/wkt";
import { UsageError } from "./usage-error.js";

const relative = /^(\d+)([mhd])$/;
const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A moment given on the command line: an ISO 8601 date or date-time ("2026-06-01",
 * "2026-06-01T12:00:00Z"), or a time ago ("30m", "24h", "7d"); undefined when not given.
 */
export function parseMoment(flag: string, value: string | undefined, now: number = Date.now()): Timestamp | undefined {
  if (value === undefined) return undefined;
  const ago = relative.exec(value);
  if (ago) return timestampFromMs(now - Number(ago[1]) * unitMs[ago[2] as keyof typeof unitMs]);
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`${flag}: "${value}" is not an ISO 8601 date or a time ago such as 24h or 7d`);
  return timestampFromMs(ms);
}
