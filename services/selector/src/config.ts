import { fileURLToPath } from "node:url";
import { commonEnvSchema, loadSwitchyardConfig, parseEnv, requireMeshTokenInProduction } from "@switchyard/runtime";
import type { ResolvedSwitchyardConfig } from "@switchyard/runtime";
import { z } from "zod";

/** The committed artifact, next to src/ and dist/ in the package. */
export const packagedArtifactDir = fileURLToPath(new URL("../artifact", import.meta.url));

const envSchema = commonEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(50052),
  METRICS_PORT: z.coerce.number().int().min(-1).max(65535).default(9092),
  /** Directory of the trained artifact (selector-model.json and its binary files). */
  SELECTOR_ARTIFACT_DIR: z.string().default(packagedArtifactDir),
  /** Directory where feedback (online calibration) is persisted; a volume in Kubernetes. */
  SELECTOR_STATE_DIR: z.string().default(".switchyard/selector-state"),
  /** Largest prompt accepted, in characters over all messages. */
  MAX_PROMPT_CHARS: z.coerce.number().int().positive().default(4_000_000),
});

/** The selector's settings: its environment and the shared configuration file. */
export interface SelectorConfig {
  readonly env: z.infer<typeof envSchema>;
  readonly switchyard: ResolvedSwitchyardConfig;
}

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): SelectorConfig {
  const parsed = parseEnv(envSchema, env);
  const switchyard = loadSwitchyardConfig(parsed.SWITCHYARD_CONFIG, env, { providerKeys: "unused" });
  requireMeshTokenInProduction(parsed.MESH_TOKEN, switchyard.devTenant);
  return { env: parsed, switchyard };
}
