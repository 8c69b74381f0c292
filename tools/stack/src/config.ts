import { existsSync } from "node:fs";

/** Where the nats-server binary is: $NATS_SERVER_BIN, then PATH, then Debian's /usr/sbin. */
export function natsServerBinary(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env["NATS_SERVER_BIN"]) return env["NATS_SERVER_BIN"];
  for (const directory of (env["PATH"] ?? "").split(":").concat(["/usr/sbin", "/usr/local/bin", "/usr/bin"])) {
    if (directory && existsSync(`${directory}/nats-server`)) return `${directory}/nats-server`;
  }
  throw new Error("nats-server not found: install it (Debian: apt-get install nats-server) or set NATS_SERVER_BIN");
}

/** The environment the stack's processes inherit (PATH and friends, not this process's settings). */
export function inheritedEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> {
  const passed = [
    "PATH",
    "HOME",
    "LANG",
    "TZ",
    "NODE_OPTIONS",
    "OPENAI_API_KEY",
    "OPENROUTER_API_KEY",
    "GEMINI_API_KEY",
    "ANTHROPIC_API_KEY",
    "OLLAMA_HOST",
    "OLLAMA_MODEL",
    "OPENAI_COMPATIBLE_BASE_URL",
    "OPENAI_COMPATIBLE_API_KEY",
    "OPENAI_COMPATIBLE_MODEL",
    "OPENAI_COMPATIBLE_INPUT_PRICE",
    "OPENAI_COMPATIBLE_OUTPUT_PRICE",
    "LOG_LEVEL",
  ];
  return Object.fromEntries(passed.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}
