import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RecordingServer } from "./recording-server.js";

/**
 * One recorded provider exchange from `__fixtures__/recorded/`: what the client sent (when the
 * source kept it), the status, the headers kept, and the body as JSON (`body`) or as the raw
 * stream (`bodyText`). `source` names where it was recorded (see the README beside it).
 */
export interface RecordedExchange {
  readonly source: string;
  readonly request?: Record<string, unknown>;
  readonly status: number;
  readonly contentType: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly bodyText?: string;
}

/** Reads a recording of a provider folder. */
export function readRecording(providerDirectory: string, name: string): RecordedExchange {
  return JSON.parse(readFileSync(join(providerDirectory, "__fixtures__", "recorded", name), "utf8")) as RecordedExchange;
}

type StartServer = (status: number, body: unknown, contentType?: string, headers?: Readonly<Record<string, string>>) => Promise<RecordingServer>;

/** Serves a recording as the provider sent it; `extraHeaders` are headers the recording lacks (tests say why). */
export function replay(start: StartServer, recording: RecordedExchange, extraHeaders: Readonly<Record<string, string>> = {}): Promise<RecordingServer> {
  return start(recording.status, recording.bodyText ?? recording.body, recording.contentType, { ...recording.headers, ...extraHeaders });
}
