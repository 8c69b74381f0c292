import { z } from "zod";

const envSchema = z.object({
  SIM_HOST: z.string().default("127.0.0.1"),
  SIM_PORT: z.coerce.number().int().min(0).max(65535).default(18080),
  /** Multiplies every model's delays; 0 makes the simulator instant (benchmarks). */
  SIM_LATENCY_SCALE: z.coerce.number().min(0).default(1),
  /** When set, OpenAI-protocol calls must send this key as a bearer token. */
  SIM_API_KEY: z.string().optional(),
  /**
   * Replay mode: comma-separated JSONL files in the schema of ../shared/data/routing. Every
   * model named in them is served and answers the files' prompts with its recorded response.
   */
  SIM_REPLAY: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((file) => file.trim())
        .filter(Boolean),
    ),
  /** Time to first token of the replayed models, in ms (before SIM_LATENCY_SCALE). */
  SIM_REPLAY_TTFT_MS: z.coerce.number().min(0).default(0),
  /** Output speed of the replayed models; 0 sends each answer at once. */
  SIM_REPLAY_TOKENS_PER_SECOND: z.coerce.number().min(0).default(0),
});

export type SimConfig = z.infer<typeof envSchema>;

/** Reads the simulator's settings from the environment, once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): SimConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  }
  return parsed.data;
}
