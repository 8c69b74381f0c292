import { createHash } from "node:crypto";

/** Failures the simulator can inject, each the way real providers fail. */
export const faultKinds = [
  "rate_limit", // 429 with Retry-After
  "server_error", // 500
  "unavailable", // 503
  "stall", // accept the request, then send nothing for stall_ms (default: forever)
  "cut", // stream: close the connection after after_tokens tokens; non-stream: close before answering
  "malformed", // stream: a chunk that is not JSON; non-stream: a body that is not JSON
  "context_length", // 400 context_length_exceeded
  "bad_key", // 401 invalid_api_key
  "slow_first_token", // first token after delay_ms
  "no_usage", // stream without a usage chunk even when asked for one
  "bad_output", // a well-formed response whose text is not what the prompt asked for (prose instead of the JSON a critique needs)
  "bad_tool_args", // a tool call whose arguments are JSON cut off midway (OpenAI) or an empty object (Ollama, which sends objects)
] as const;

export type FaultKind = (typeof faultKinds)[number];

/** One injected failure with its parameters. */
export interface Fault {
  readonly kind: FaultKind;
  readonly retryAfterMs?: number;
  readonly afterTokens?: number;
  readonly delayMs?: number;
  readonly stallMs?: number;
  /** Only for this model (prompt directives shared by a cascade's models). */
  readonly model?: string;
  /** How many matching requests fail before the fault clears; unset means every request. */
  readonly times?: number;
}

const directivePattern = /\[\[sim:([a-z_]+)((?:\s+[a-z_]+=[^\s\]]+)*)\s*\]\]/g;

/**
 * Parses a fault written as `kind key=value ...` (the `x-sim-fault` header, with `;` or spaces
 * between parts) into a Fault; unknown kinds or keys throw, so a typo in a test fails loudly.
 */
export function parseFault(spec: string): Fault {
  const [kind = "", ...settings] = spec.split(/[;\s]+/).filter(Boolean);
  if (!(faultKinds as readonly string[]).includes(kind)) throw new Error(`unknown fault kind "${kind}"`);
  const fault: Record<string, unknown> = { kind };
  for (const setting of settings) {
    const [key = "", value = ""] = setting.split("=");
    const field = faultFields[key];
    if (!field) throw new Error(`unknown fault setting "${key}"`);
    fault[field] = field === "model" ? value : Number(value);
  }
  return fault as unknown as Fault;
}

const faultFields: Record<string, keyof Fault> = {
  retry_after_ms: "retryAfterMs",
  after_tokens: "afterTokens",
  delay_ms: "delayMs",
  stall_ms: "stallMs",
  model: "model",
  times: "times",
};

/** Fault directives written into a prompt as `[[sim:kind key=value ...]]`. */
export function directivesIn(text: string): Fault[] {
  return [...text.matchAll(directivePattern)].map((match) => parseFault(`${match[1]}${match[2] ?? ""}`));
}

/** The prompt without its directives, so the answer does not depend on them. */
export function withoutDirectives(text: string): string {
  return text.replace(directivePattern, "").trim();
}

/**
 * Decides which fault, if any, a request meets. Faults come from the request header, from
 * directives in the prompt (with `times` counted per model and prompt), or from the queue an
 * admin call filled for a model.
 */
export class FaultPlan {
  readonly #queued = new Map<string, Fault[]>();
  readonly #directiveHits = new Map<string, number>();

  /** Queues faults for a model's next requests (POST /_sim/faults). */
  enqueue(model: string, fault: Fault): void {
    const queue = this.#queued.get(model) ?? [];
    queue.push({ ...fault, times: fault.times ?? 1 });
    this.#queued.set(model, queue);
  }

  reset(): void {
    this.#queued.clear();
    this.#directiveHits.clear();
  }

  /**
   * The fault for this request, consuming one use of a counted fault. `contents` are the
   * request's message texts: a directive's `times` is counted per model and per message that
   * carries it, so a follow-up turn (a retry that appends messages) still counts against it.
   */
  take(model: string, contents: readonly string[], header: string | undefined): Fault | undefined {
    if (header) return parseFault(header);
    return this.#fromDirectives(model, contents) ?? this.#fromQueue(model);
  }

  #fromDirectives(model: string, contents: readonly string[]): Fault | undefined {
    for (const content of contents) {
      for (const fault of directivesIn(content)) {
        if (fault.model !== undefined && fault.model !== model) continue;
        if (fault.times === undefined || this.#countHit(model, fault, content)) return fault;
      }
    }
    return undefined;
  }

  /** Counts one use of a counted directive; false once its `times` are used up. */
  #countHit(model: string, fault: Fault, content: string): boolean {
    const key = createHash("sha256").update(`${model}\u0000${fault.kind}\u0000${content}`).digest("hex");
    const hits = this.#directiveHits.get(key) ?? 0;
    if (hits >= (fault.times ?? Infinity)) return false;
    this.#directiveHits.set(key, hits + 1);
    return true;
  }

  #fromQueue(model: string): Fault | undefined {
    const queue = this.#queued.get(model);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    const remaining = (head.times ?? 1) - 1;
    if (remaining <= 0) queue.shift();
    else queue[0] = { ...head, times: remaining };
    return head;
  }
}
