import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { UsageError } from "./usage-error.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Flags every command accepts (read by main before the command runs). */
export const globalOptions = {
  url: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies Options;

/** What parseFlags gives for a command's options. */
export type ParsedFlags<T extends Options> = ReturnType<typeof parseArgs<{ options: T & typeof globalOptions; allowPositionals: true; strict: true }>>;

/**
 * Parses a command's arguments strictly: an unknown flag or a missing value is a UsageError
 * naming it, never silently ignored.
 */
export function parseFlags<T extends Options>(args: readonly string[], options: T): ParsedFlags<T> {
  try {
    const config = { args: [...args], options: { ...globalOptions, ...options }, allowPositionals: true, strict: true } as const;
    return parseArgs<typeof config>(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** A comma-separated (or repeated) list flag as its items. */
export function listOf(value: string | readonly string[] | undefined): string[] {
  const values = value === undefined ? [] : typeof value === "string" ? [value] : value;
  return values
    .flatMap((each) => each.split(","))
    .map((each) => each.trim())
    .filter((each) => each.length > 0);
}

/** A number flag in [min, max], or undefined when not given. */
export function numberFlag(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed < min || parsed > max) {
    throw new UsageError(`--${flag}: expected a number from ${min} to ${max}, got "${value}"`);
  }
  return parsed;
}
