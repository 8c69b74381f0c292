import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import {
  GetWebhookResponseSchema,
  ListWebhookDeadLettersResponseSchema,
  SetWebhookResponseSchema,
  WebhookStatusSchema,
} from "@switchyard/contracts/switchyard/v1/webhook_pb";
import type {
  GetWebhookRequest,
  GetWebhookResponse,
  ListWebhookDeadLettersRequest,
  ListWebhookDeadLettersResponse,
  SetWebhookRequest,
  SetWebhookResponse,
  WebhookStatus,
} from "@switchyard/contracts/switchyard/v1/webhook_pb";
import { webhookConfigSchema } from "@switchyard/runtime";
import { minSecretLength } from "../webhooks/webhook-target.js";
import { actingTenant, principalOf, readableTenant, requireAdmin } from "./ledger-auth.js";
import type { LedgerDeps } from "./ledger-deps.js";

const defaultLimit = 100;
const maxLimit = 1_000;

/** SetWebhook: admins set (or, with an empty url, remove) a tenant's alert webhook. */
export async function setWebhookRpc(deps: LedgerDeps, request: SetWebhookRequest, context: HandlerContext): Promise<SetWebhookResponse> {
  const principal = principalOf(context);
  requireAdmin(principal, "SetWebhook");
  const tenant = actingTenant(principal, request.tenant);
  if (!deps.directory.hasTenant(tenant)) throw new ConnectError(`tenant: "${tenant}" is not a configured tenant`, Code.InvalidArgument);
  if (request.url === "") {
    await deps.webhooks.remove(tenant);
  } else {
    checkWebhook(request);
    await deps.webhooks.set(tenant, { url: request.url, secret: request.secret });
  }
  return create(SetWebhookResponseSchema, { webhook: await statusOf(deps, tenant) });
}

/** GetWebhook: the tenant's webhook, never its secret. */
export async function getWebhookRpc(deps: LedgerDeps, request: GetWebhookRequest, context: HandlerContext): Promise<GetWebhookResponse> {
  const tenant = actingTenant(principalOf(context), request.tenant);
  return create(GetWebhookResponseSchema, { webhook: await statusOf(deps, tenant) });
}

/** ListWebhookDeadLetters: deliveries given up, the caller's own (an admin: any or all). */
export async function listWebhookDeadLettersRpc(
  deps: LedgerDeps,
  request: ListWebhookDeadLettersRequest,
  context: HandlerContext,
): Promise<ListWebhookDeadLettersResponse> {
  const tenant = readableTenant(principalOf(context), request.tenant);
  const deadLetters = await deps.deadLetters.list(tenant, Math.min(request.limit || defaultLimit, maxLimit));
  return create(ListWebhookDeadLettersResponseSchema, { deadLetters });
}

function checkWebhook(request: SetWebhookRequest): void {
  const url = webhookConfigSchema.shape.url.safeParse(request.url);
  if (!url.success) throw new ConnectError("url: must be an http(s) URL", Code.InvalidArgument);
  if (request.secret.length < minSecretLength) throw new ConnectError(`secret: must have at least ${minSecretLength} characters`, Code.InvalidArgument);
}

async function statusOf(deps: LedgerDeps, tenant: string): Promise<WebhookStatus> {
  const webhook = await deps.webhooks.resolve(tenant);
  return create(WebhookStatusSchema, { tenant, url: webhook?.url ?? "", secretSet: webhook !== undefined, source: webhook?.source ?? "" });
}
