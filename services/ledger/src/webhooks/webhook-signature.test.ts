import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhookBody, verifyWebhookSignature } from "./webhook-signature.js";

describe("webhook signatures", () => {
  const secret = "whsec-0123456789abcdef";
  const body = '{"type":"budget.alert"}';

  it('is the HMAC-SHA256 of "<t>.<body>" a receiver can recompute with any library', () => {
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signWebhookBody(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verifies the right body and secret within the tolerance, and nothing else", () => {
    const header = signWebhookBody(secret, body, 1_700_000_000);
    expect(verifyWebhookSignature(secret, header, body, 1_700_000_100)).toBe(true);
    expect(verifyWebhookSignature(secret, header, `${body} `, 1_700_000_100)).toBe(false);
    expect(verifyWebhookSignature("another-secret-of-16", header, body, 1_700_000_100)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, 1_700_000_301)).toBe(false);
    expect(verifyWebhookSignature(secret, "t=1700000000,v1=zz", body, 1_700_000_000)).toBe(false);
  });
});
