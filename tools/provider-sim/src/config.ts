import { z } from "zod";

const envSchema = z.object({
  SIM_HOST: z.string().default("127.0.0.1"),
  SIM_PORT: z.coerce.number().int().min(0).max(65535).default(18080),
  /** Multiplies every model's delays; 0 makes the simulator instant (benchmarks). */
  SIM_LATENCY_SCALE: z.coerce.number().min(0).default(1),
  /** When set, OpenAI-protocol calls must send this key as a bearer token. */
  SIM_API_KEY: z.string().optional(),
});

export type SimConfig = z.infer<typeof envSchema>;

/** Reads the simulator's settings from the environment, once, at start-up. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): SimConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`);
  }
  return parsed.data;
}
