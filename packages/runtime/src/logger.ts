import { pino } from "pino";
import type { DestinationStream, Logger, LevelWithSilent } from "pino";

/**
 * Fields that may hold prompts, answers or secrets. pino censors them wherever they appear at
 * the top level or one level down, so a careless `logger.info({ request })` still leaks nothing.
 */
export const redactedPaths: readonly string[] = [
  "prompt",
  "messages",
  "content",
  "answer",
  "text",
  "apiKey",
  "api_key",
  "authorization",
  "password",
  "secret",
  "token",
]
  .flatMap((field) => [field, `*.${field}`])
  .concat(['headers["authorization"]', 'headers["x-api-key"]', 'headers["openai-api-key"]']);

/** Options for createLogger. */
export interface LoggerOptions {
  readonly service: string;
  readonly level: LevelWithSilent;
  /** Where to write; defaults to stdout. Tests pass a stream to assert on the output. */
  readonly destination?: DestinationStream;
}

/**
 * JSON logger with the service name on every line, GCP/OTel-style `severity`, and redaction of
 * prompt and secret fields. Prompts and keys must never reach logs; log sizes or hashes instead.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      redact: { paths: [...redactedPaths], censor: "[redacted]" },
      formatters: {
        level: (label) => ({ level: label, severity: label.toUpperCase() }),
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

export type { Logger } from "pino";
