/** How often a budget resets. */
export type PeriodKind = "daily" | "weekly" | "monthly" | "total";

/** One period of a budget: [start, end) in epoch milliseconds; `end` is undefined for "total". */
export interface PeriodWindow {
  readonly start: number;
  readonly end: number | undefined;
}

interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, format);
  }
  return format;
}

/** Wall-clock fields of an instant in a zone. */
function wallClock(instant: number, zone: string): Record<"year" | "month" | "day" | "hour" | "minute" | "second", number> {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(zone).formatToParts(new Date(instant))) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return fields;
}

/** Offset of the zone from UTC at an instant, in milliseconds (east positive). */
function zoneOffset(instant: number, zone: string): number {
  const wall = wallClock(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * The instant local midnight starts `date` in `zone`. Two offset look-ups settle DST: the
 * offset at midnight can differ from the offset a day earlier. Where midnight itself does not
 * exist (a DST gap at 00:00), the result is the instant the gap ends.
 */
function startOfLocalDay(date: LocalDate, zone: string): number {
  const asUtc = Date.UTC(date.year, date.month - 1, date.day);
  const first = asUtc - zoneOffset(asUtc, zone);
  const second = asUtc - zoneOffset(first, zone);
  return localDateOf(second, zone).day === date.day ? second : first;
}

function localDateOf(instant: number, zone: string): LocalDate {
  const wall = wallClock(instant, zone);
  return { year: wall.year, month: wall.month, day: wall.day };
}

/** Calendar arithmetic on a local date (month and day overflow roll over, as Date.UTC does). */
function shiftDate(date: LocalDate, days: number, months = 0): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1 + months, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function firstDay(kind: Exclude<PeriodKind, "total">, date: LocalDate): LocalDate {
  if (kind === "daily") return date;
  if (kind === "monthly") return { ...date, day: 1 };
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return shiftDate(date, -((weekday + 6) % 7));
}

const recentWindows = new Map<string, PeriodWindow>();

/**
 * The period containing `at`, aligned to the calendar in `zone`: days start at local midnight,
 * weeks on Monday (ISO 8601), months on the 1st. "total" never resets. The last window per
 * kind and zone is remembered: every Reserve asks, and zone arithmetic is not free.
 */
export function periodWindow(kind: PeriodKind, zone: string, at: number): PeriodWindow {
  if (kind === "total") return { start: 0, end: undefined };
  const key = `${kind}|${zone}`;
  const recent = recentWindows.get(key);
  if (recent?.end !== undefined && at >= recent.start && at < recent.end) return recent;
  const window = computeWindow(kind, zone, at);
  recentWindows.set(key, window);
  return window;
}

function computeWindow(kind: Exclude<PeriodKind, "total">, zone: string, at: number): PeriodWindow {
  const first = firstDay(kind, localDateOf(at, zone));
  const next = kind === "daily" ? shiftDate(first, 1) : kind === "weekly" ? shiftDate(first, 7) : shiftDate(first, 0, 1);
  return { start: startOfLocalDay(first, zone), end: startOfLocalDay(next, zone) };
}

/** The local calendar day of an instant ("2026-03-29"), for the report's day dimension. */
export function localDay(zone: string, at: number): string {
  const date = localDateOf(at, zone);
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}
