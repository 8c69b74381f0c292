import { ProviderError } from "@switchyard/provider-spec";
import type { z } from "zod";

/** Parses what a provider sent with the schema of the fields we read; a mismatch is a malformed response (retryable). */
export function parseProviderResponse<T>(schema: z.ZodType<T>, value: unknown, provider: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ProviderError({ kind: "malformed_response", provider, message: `unexpected response shape: ${describeFirstIssue(parsed.error)}` });
  }
  return parsed.data;
}

/** Checks a call's provider options against an executor's schema; a mismatch is the caller's bad request. */
export function checkProviderOptions(schema: z.ZodType, options: Readonly<Record<string, unknown>>, provider: string): void {
  const parsed = schema.safeParse(options);
  if (!parsed.success) throw new ProviderError({ kind: "bad_request", provider, message: `providerOptions.${describeFirstIssue(parsed.error)}` });
}

/** Mean of token log-probabilities; undefined when the provider sent none. */
export function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid";
}
