import { toJsonString } from "@bufbuild/protobuf";
import { BudgetAlertSchema } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import type { BudgetAlert } from "@switchyard/contracts/switchyard/v1/cost_event_pb";
import { signatureHeader, signWebhookBody } from "./webhook-signature.js";
import type { WebhookTarget } from "./webhook-target.js";

/** Header carrying the alert id: the same on every attempt, so receivers can drop repeats. */
const idempotencyKeyHeader = "x-switchyard-idempotency-key";
/** Header carrying the attempt number (1 first). */
const deliveryAttemptHeader = "x-switchyard-delivery-attempt";

/** How one POST ended. */
export type WebhookPostResult = { readonly ok: true } | { readonly ok: false; readonly retryable: boolean; readonly error: string };

/** What a POST needs besides the alert. */
export interface WebhookPostOptions {
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly nowMs: number;
}

/** The JSON body of an alert delivery (protobuf JSON of the alert, under a type tag). */
export function webhookBody(alert: BudgetAlert): string {
  return `{"type":"budget.alert","alert":${toJsonString(BudgetAlertSchema, alert)}}`;
}

/**
 * POSTs one alert, signed, with its idempotency key. 2xx is delivered; 408, 429, 5xx and
 * transport errors are worth retrying; any other status is the receiver refusing this body,
 * which another try would not change. The error names the status only, never the response body.
 */
export async function postWebhook(target: WebhookTarget, alert: BudgetAlert, attempt: number, options: WebhookPostOptions): Promise<WebhookPostResult> {
  const body = webhookBody(alert);
  const headers = {
    "content-type": "application/json",
    [signatureHeader]: signWebhookBody(target.secret, body, Math.floor(options.nowMs / 1_000)),
    [idempotencyKeyHeader]: alert.alertId,
    [deliveryAttemptHeader]: String(attempt),
  };
  try {
    const response = await options.fetch(target.url, { method: "POST", headers, body, signal: AbortSignal.timeout(options.timeoutMs), redirect: "manual" });
    await response.body?.cancel();
    if (response.ok) return { ok: true };
    const retryable = response.status === 408 || response.status === 429 || response.status >= 500;
    return { ok: false, retryable, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, retryable: true, error: error instanceof Error ? `${error.name}: ${error.message}` : "transport error" };
  }
}
