/** Where the CLI connects and with which key, from the environment (flags override the URL). */
export interface CliEnvironment {
  /** SWITCHYARD_URL: the router's gRPC address; defaults to the local stack's. */
  readonly url: string;
  /** SWITCHYARD_API_KEY: sent as `authorization: Bearer <key>`; unset sends none (dev mode). */
  readonly apiKey: string | undefined;
}

/** Reads SWITCHYARD_URL and SWITCHYARD_API_KEY once, at start-up. */
export function loadCliEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): CliEnvironment {
  return { url: env["SWITCHYARD_URL"] || "http://127.0.0.1:50051", apiKey: env["SWITCHYARD_API_KEY"] || undefined };
}
