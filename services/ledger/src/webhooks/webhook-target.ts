/** Where one tenant's alerts are POSTed, with the secret that signs them. */
export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
}

/** A target and where it came from: SetWebhook ("api") or the configuration file ("config"). */
export interface ResolvedWebhook extends WebhookTarget {
  readonly source: "api" | "config";
}

/** Shortest secret accepted: an HMAC key guessable by brute force protects nothing. */
export const minSecretLength = 16;
