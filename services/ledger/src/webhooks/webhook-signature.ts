import { createHmac, timingSafeEqual } from "node:crypto";

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const signatureHeader = "x-switchyard-signature";

/**
 * Signs a webhook body as Stripe-style receivers expect: HMAC-SHA256 with the tenant's secret
 * over `"<t>.<body>"`, where t is the signing time in unix seconds. Putting the time under the
 * MAC lets a receiver refuse replays of an old delivery.
 */
export function signWebhookBody(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},v1=${hmacHex(secret, `${unixSeconds}.${body}`)}`;
}

/**
 * What a receiver does (documented in the ledger README, used by the tests): true when the
 * header's MAC matches the body and its time is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifyWebhookSignature(secret: string, header: string, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const fields = new Map(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const time = Number(fields.get("t"));
  const mac = fields.get("v1") ?? "";
  if (!Number.isInteger(time) || Math.abs(nowSeconds - time) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, `${time}.${body}`), "hex");
  const given = Buffer.from(mac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function hmacHex(secret: string, text: string): string {
  return createHmac("sha256", secret).update(text).digest("hex");
}
