import { catalogEntry, normaliseModelName } from "./model-catalog.js";

/** A model's declared profile, as the configuration gives it (all optional). */
export interface ModelProfile {
  readonly tier?: "small" | "medium" | "large";
  /** USD per million input and output tokens. */
  readonly price?: readonly [number, number];
}

/** Names of the descriptor features, in order (the artifact stores weights in this order). */
export const descriptorNames = [
  "bias",
  "log_params",
  "has_params",
  "tier_small",
  "tier_medium",
  "tier_large",
  "log_price",
  "has_price",
  "year",
  "fam_gpt4",
  "fam_gpt35",
  "fam_claude",
  "fam_llama",
  "fam_mistral",
  "fam_gemma",
  "fam_qwen",
  "fam_small_lab",
  "api",
  "base_model",
  "code",
  "math",
  "chinese",
  "concise",
  "verbose",
] as const;

const familyPatterns: ReadonlyArray<readonly [string, RegExp]> = [
  ["fam_gpt4", /gpt-?4/],
  ["fam_gpt35", /gpt-?3\.?5|davinci/],
  ["fam_claude", /claude/],
  ["fam_llama", /llama|vicuna|wizardlm|alpaca|humpback|nemotron|chatqa|minotaur|baize|nous-hermes|ultralm|tulu/],
  ["fam_mistral", /mistral|mixtral|zephyr|openhermes|openchat|starling|dolphin-2\.6/],
  ["fam_gemma", /gemma/],
  ["fam_qwen", /qwen/],
  ["fam_small_lab", /pythia|falcon|phi-|minichat|chatglm|jina|openbuddy|oasst|baize/],
];

/** Parameters in billions parsed from a name ("70b", "8x7b", "1.5b"); undefined when absent. */
export function parseParamsB(normalised: string): number | undefined {
  const moe = /(\d+)x(\d+(?:\.\d+)?)b(?![a-z])/.exec(normalised);
  if (moe) return Number(moe[1]) * Number(moe[2]) * 0.83;
  const dense = /(?:^|[^a-z0-9.])(\d+(?:\.\d+)?)b(?![a-z])/.exec(normalised);
  return dense ? Number(dense[1]) : undefined;
}

/** Tier from parameters when the profile does not declare one. */
function tierFromParams(paramsB: number | undefined): ModelProfile["tier"] {
  if (paramsB === undefined) return undefined;
  if (paramsB < 15) return "small";
  return paramsB < 60 ? "medium" : "large";
}

/** A year guess from version markers in the name, for models the catalog lacks. */
function guessYear(name: string): number {
  if (/llama-?3\.[123]|qwen-?2\.5|gemma-2|phi-3|gpt-4o|claude-3|fusechat|mistral-.*v0\.3|nemotron/.test(name)) return 2024.5;
  if (/llama-?3|qwen-?2|gemma|claude-2\.1|mixtral|zephyr|openhermes-2|starling|openchat|dolphin|yi-|phi-2|1106/.test(name)) return 2023.9;
  if (/llama-?2|vicuna|wizardlm|claude|gpt-3\.5|palm|falcon|chatglm2|qwen|codellama|code-llama|mistral/.test(name)) return 2023.5;
  return 2023;
}

/**
 * The descriptor of a model: what is known about it without outcome data (size, tier, price,
 * family, specialisation, age). The shared quality model maps descriptors to a prior ability
 * and a prior embedding, which is how a model absent from training gets a sensible first guess.
 * The catalog fills in what a name alone does not say; a declared profile overrides both.
 */
export function describeModel(name: string, profile: ModelProfile = {}): Float32Array {
  const normalised = normaliseModelName(name);
  const entry = catalogEntry(name);
  const paramsB = entry?.paramsB ?? parseParamsB(normalised);
  const price = profile.price ?? entry?.price;
  const api = /gpt|claude|palm|bison|davinci|gemini|jina/.test(normalised) ? 1 : 0;
  const tier = profile.tier ?? tierFromParams(paramsB) ?? (api ? "large" : undefined);
  const blendedPrice = price ? (price[0] * 3 + price[1]) / 4 : undefined;
  const flags: Record<string, number> = {
    bias: 1,
    log_params: paramsB !== undefined ? (Math.log2(paramsB) - 4) / 2 : 0,
    has_params: paramsB !== undefined ? 1 : 0,
    tier_small: tier === "small" ? 1 : 0,
    tier_medium: tier === "medium" ? 1 : 0,
    tier_large: tier === "large" ? 1 : 0,
    log_price: blendedPrice !== undefined ? Math.log10(blendedPrice + 0.01) : 0,
    has_price: blendedPrice !== undefined ? 1 : 0,
    year: Math.max(-1.5, Math.min(2, (entry?.year ?? guessYear(normalised)) - 2023.5)),
    api,
    base_model: /(^|-)v0\.1$|meta-llama-3-8b$|^llama-13b$|^mistral-7b-v0\.1$/.test(normalised) && !/instruct|chat/.test(normalised) ? 1 : 0,
    code: /code/.test(normalised) ? 1 : 0,
    math: /math/.test(normalised) ? 1 : 0,
    chinese: /chinese|qwen|chatglm|yi-|baichuan|deepseek/.test(normalised) ? 1 : 0,
    concise: /concise/.test(normalised) ? 1 : 0,
    verbose: /verbose/.test(normalised) ? 1 : 0,
  };
  for (const [flag, pattern] of familyPatterns) flags[flag] = Math.max(flags[flag] ?? 0, pattern.test(normalised) ? 1 : 0);
  return Float32Array.from(descriptorNames, (featureName) => flags[featureName] ?? 0);
}
