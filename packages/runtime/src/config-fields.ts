import { z } from "zod";
import { parseUsd } from "./money.js";
import { subjectTokenPattern } from "./subjects.js";

/** A decimal USD amount ("0.15", 3) parsed exactly to bigint nano-USD. */
export const usdAmount = z.union([z.string(), z.number()]).transform((value, context) => {
  try {
    return parseUsd(value);
  } catch (error) {
    context.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

/** A tenant, key or provider name: it becomes a NATS subject token. */
export const nameToken = z.string().regex(subjectTokenPattern, "use letters, digits, '_' or '-' (at most 64)");

/**
 * A task type ("code", "math.word-problems"): a label recorded with spend and used as a key of
 * routing rules and task-type budgets, so short and plain, but never a subject token.
 */
export const taskTypePattern = /^[A-Za-z0-9_.-]{1,64}$/;

/** True when `zone` is an IANA time zone this runtime knows ("Europe/Paris", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name. */
export const timeZoneName = z.string().refine(isTimeZone, { message: 'not an IANA time zone (e.g. "UTC", "Europe/Paris")' });
