/** Tokenizers the estimator knows: OpenAI's two BPE encodings, and a heuristic for the rest. */
export type TokenizerKind = "o200k_base" | "cl100k_base" | "heuristic";

const o200kFamilies = /^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o1|o3|o4)(\b|-|$)/;
const cl100kFamilies = /^(gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada)/;

/**
 * The tokenizer for a model id: OpenAI families by prefix (an "openai/" prefix, as OpenRouter
 * writes it, is ignored), the heuristic for everything else. Anthropic, Google and open-weight
 * models publish no JavaScript tokenizer that matches their billing, so a real tokenizer would
 * only pretend to be exact for them.
 */
export function tokenizerForModel(modelId: string, configured?: TokenizerKind): TokenizerKind {
  if (configured) return configured;
  const id = modelId.toLowerCase().replace(/^openai\//, "");
  if (o200kFamilies.test(id)) return "o200k_base";
  if (cl100kFamilies.test(id)) return "cl100k_base";
  return "heuristic";
}
