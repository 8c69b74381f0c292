/** How a provider call failed, in the terms the executor acts on. */
export type ProviderFailureKind =
  | "rate_limited"
  | "unavailable"
  | "timeout"
  | "context_length"
  | "auth"
  | "bad_request"
  | "not_found"
  | "cancelled"
  | "malformed_response";

const marker = Symbol.for("switchyard.provider-spec.ProviderError");

const retryableKinds: ReadonlySet<ProviderFailureKind> = new Set(["rate_limited", "unavailable", "timeout", "malformed_response"]);

/** Details of a ProviderError. */
export interface ProviderErrorInit {
  readonly kind: ProviderFailureKind;
  readonly provider: string;
  /** The provider's own message, kept as written. */
  readonly message: string;
  readonly status?: number;
  /** Response headers of a failed HTTP call (rate-limit headers, request ids). */
  readonly responseHeaders?: Readonly<Record<string, string>>;
  /** Response body of a failed HTTP call, as received (never logged). */
  readonly responseBody?: string;
  /** From Retry-After / retry-after-ms, when the provider sent one. */
  readonly retryAfterMs?: number;
  /** Overrides the kind's default, for failures that are known not to help on retry. */
  readonly retryable?: boolean;
  readonly cause?: unknown;
}

/**
 * A failed provider call, normalised across providers. `isRetryable` follows HTTP semantics
 * (429, 408/409, 5xx, resets, timeouts, unparsable answers); everything else fails at once,
 * and says so, so the retry policy never has to guess.
 */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  readonly [marker] = true;
  readonly kind: ProviderFailureKind;
  readonly provider: string;
  readonly status: number | undefined;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly responseBody: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly isRetryable: boolean;

  constructor(init: ProviderErrorInit) {
    super(init.message, { cause: init.cause });
    this.kind = init.kind;
    this.provider = init.provider;
    this.status = init.status;
    this.responseHeaders = init.responseHeaders ?? {};
    this.responseBody = init.responseBody;
    this.retryAfterMs = init.retryAfterMs;
    this.isRetryable = init.retryable ?? retryableKinds.has(init.kind);
  }

  /** Marker-based check that works across package copies, unlike instanceof. */
  static isInstance(value: unknown): value is ProviderError {
    return typeof value === "object" && value !== null && marker in value;
  }
}

/** Failure kind for an HTTP status from any provider. */
export function kindForStatus(status: number): ProviderFailureKind {
  if (status === 429) return "rate_limited";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 408) return "timeout";
  if (status >= 500 || status === 409) return "unavailable";
  return "bad_request";
}

/** Something with HTTP-style header lookup (fetch Headers, or a plain map wrapped). */
export interface HeaderLookup {
  get(name: string): string | null;
}

/** Reads retry-after-ms (exact) or Retry-After (seconds or an HTTP date), preferring the exact one. */
export function retryAfterMsFrom(headers: HeaderLookup | undefined, now = Date.now()): number | undefined {
  const exact = Number(headers?.get("retry-after-ms"));
  if (Number.isFinite(exact) && exact > 0) return exact;
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Headers as a plain record (for ProviderError.responseHeaders). */
export function headersToRecord(headers: Iterable<[string, string]> | undefined): Record<string, string> {
  return headers ? Object.fromEntries(headers) : {};
}
