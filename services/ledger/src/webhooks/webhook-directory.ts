import { Kvm } from "@nats-io/kv";
import type { KV } from "@nats-io/kv";
import { StorageType } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { z } from "zod";
import type { ResolvedWebhook, WebhookTarget } from "./webhook-target.js";

/** KV bucket of the webhooks set by API (tenant → url and secret). */
export const webhookBucket = "switchyard_webhooks";

const storedWebhookSchema = z.object({ url: z.string(), secret: z.string() });

/** The tenants' webhooks: set by API (kept in JetStream KV, shared by replicas) over the configuration's. */
export interface WebhookDirectory {
  /** The webhook a tenant's alerts go to now, if any. */
  resolve(tenant: string): Promise<ResolvedWebhook | undefined>;
  set(tenant: string, target: WebhookTarget): Promise<void>;
  /** Removes the API-set webhook; the configured one, if any, applies again. */
  remove(tenant: string): Promise<void>;
}

/**
 * Opens the bucket (file storage, one revision per tenant). The secrets sit in it as written:
 * signing needs them, and NATS is inside the mesh; no RPC ever reads them back out.
 */
export async function openWebhookDirectory(
  connection: NatsConnection,
  replicas: number,
  configured: ReadonlyMap<string, WebhookTarget>,
): Promise<WebhookDirectory> {
  const bucket = await new Kvm(connection).create(webhookBucket, { history: 1, storage: StorageType.File, replicas });
  return createWebhookDirectory(bucket, configured);
}

function createWebhookDirectory(bucket: KV, configured: ReadonlyMap<string, WebhookTarget>): WebhookDirectory {
  return {
    async resolve(tenant) {
      const entry = await bucket.get(tenant);
      if (entry && entry.operation === "PUT") return { ...storedWebhookSchema.parse(entry.json()), source: "api" };
      const fromConfig = configured.get(tenant);
      return fromConfig ? { ...fromConfig, source: "config" } : undefined;
    },
    async set(tenant, target) {
      await bucket.put(tenant, JSON.stringify({ url: target.url, secret: target.secret }));
    },
    async remove(tenant) {
      await bucket.delete(tenant);
    },
  };
}
