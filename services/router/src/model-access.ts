import { Code, ConnectError } from "@connectrpc/connect";
import type { ModelConfig, TenantConfig } from "@switchyard/runtime";

/** Which models exist and which a tenant may use. */
export interface ModelAccess {
  readonly models: Readonly<Record<string, ModelConfig>>;
  readonly tenants: Readonly<Record<string, TenantConfig>>;
  /** Providers by name; `simulated` marks the provider simulator. */
  readonly providers: Readonly<Record<string, { readonly simulated: boolean }>>;
}

/**
 * Checks that `model` is configured (NOT_FOUND otherwise, naming the known ones) and that the
 * tenant may use it (PERMISSION_DENIED otherwise).
 */
export function requireUsableModel(access: ModelAccess, tenant: string, model: string, field: string): ModelConfig {
  if (!model) throw new ConnectError(`${field}: a model name is required`, Code.InvalidArgument);
  const config = access.models[model];
  if (!config) {
    throw new ConnectError(`${field}: unknown model "${model}"; configured models: ${Object.keys(access.models).join(", ")}`, Code.NotFound);
  }
  const allowed = access.tenants[tenant]?.allowedModels;
  if (allowed && !allowed.includes(model)) {
    throw new ConnectError(`${field}: tenant "${tenant}" may not use model "${model}"`, Code.PermissionDenied);
  }
  return config;
}
