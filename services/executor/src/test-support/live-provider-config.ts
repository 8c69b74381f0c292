import { z } from "zod";

/**
 * Keys of the key-gated live tests (`*-live.test.ts`): a provider's live test runs only when its
 * variable is set, and reports itself skipped, by name, otherwise. Never set in CI.
 */
const liveProviderConfigSchema = z.object({
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENROUTER_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  GEMINI_API_KEY: z.string().min(1).optional(),
  /** An Ollama server to call, e.g. http://127.0.0.1:11434, and the model it has pulled. */
  LIVE_OLLAMA_HOST: z.url().optional(),
  LIVE_OLLAMA_MODEL: z.string().min(1).default("llama3.2"),
});

export type LiveProviderConfig = z.infer<typeof liveProviderConfigSchema>;

/** The live-test keys from the environment. */
export function loadLiveProviderConfig(env: Readonly<Record<string, string | undefined>> = process.env): LiveProviderConfig {
  return liveProviderConfigSchema.parse(env);
}
