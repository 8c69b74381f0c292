/**
 * The one alias table for model names. Sources spell the same model differently
 * (`gpt-4-1106-preview` / `gpt4_1106_preview`, `claude-v1` / `claude-1` / `claude`,
 * `mistralai/mixtral-8x7b-chat` / `mistralai/Mixtral-8x7B-Instruct-v0.1`); every name is first
 * normalised (lower case, organisation prefix dropped, `_` to `-`) and then looked up here, so
 * training, evaluation and Score all agree on one canonical id per model. The entries also carry
 * what a prior needs for models the training data lacks: list price (USD per million tokens,
 * as the sources priced them), parameter count and release year.
 */
export interface CatalogEntry {
  readonly id: string;
  readonly aliases: readonly string[];
  /** USD per million input and output tokens. */
  readonly price?: readonly [number, number];
  /** Parameters in billions (total, for mixtures of experts). */
  readonly paramsB?: number;
  readonly year?: number;
}

const entries: readonly CatalogEntry[] = [
  { id: "gpt-4-1106-preview", aliases: ["gpt4-1106-preview", "gpt-4-turbo-preview"], price: [10, 30], year: 2023.9 },
  { id: "gpt-4-0314", aliases: ["gpt4-0314"], price: [30, 60], year: 2023.2 },
  { id: "gpt-4-0613", aliases: ["gpt4-0613", "gpt-4", "gpt4"], price: [30, 60], year: 2023.5 },
  { id: "gpt-4-0613-concise", aliases: ["gpt4-0613-concise"], price: [30, 60], year: 2023.5 },
  { id: "gpt-3.5-turbo-1106", aliases: ["gpt35-turbo-1106"], price: [1, 2], year: 2023.9 },
  { id: "gpt-3.5-turbo-0613", aliases: ["gpt-3.5-turbo", "gpt35-turbo"], price: [1.5, 2], year: 2023.5 },
  { id: "gpt-3.5-turbo-0301", aliases: ["gpt35-turbo-0301"], price: [1.5, 2], year: 2023.2 },
  { id: "gpt-3.5-turbo-instruct", aliases: ["gpt35-turbo-instruct"], price: [1.5, 2], year: 2023.7 },
  { id: "text-davinci-003", aliases: [], price: [20, 20], year: 2022.9 },
  { id: "text-davinci-001", aliases: [], price: [20, 20], year: 2022 },
  { id: "claude-v1", aliases: ["claude-1", "claude"], price: [8, 24], year: 2023.2 },
  { id: "claude-v2", aliases: ["claude-2", "claude-2.0"], price: [8, 24], year: 2023.5 },
  { id: "claude-2.1", aliases: ["claude-v2.1"], price: [8, 24], year: 2023.9 },
  { id: "claude-instant-v1", aliases: ["claude-instant-1", "claude-instant-1.2", "claude-instant"], price: [0.8, 2.4], year: 2023.5 },
  { id: "palm-2-chat-bison-001", aliases: ["chat-bison-001", "palm-2"], price: [0.5, 0.5], year: 2023.4 },
  { id: "llama-2-70b-chat", aliases: ["llama-2-70b-chat-hf"], price: [0.9, 0.9], paramsB: 70, year: 2023.5 },
  { id: "mixtral-8x7b-instruct-v0.1", aliases: ["mixtral-8x7b-chat", "mixtral-8x7b-instruct"], price: [0.6, 0.6], paramsB: 46.7, year: 2023.95 },
  { id: "mistral-7b-instruct-v0.1", aliases: ["mistral-7b-chat"], price: [0.2, 0.2], paramsB: 7, year: 2023.7 },
  { id: "code-llama-instruct-34b-chat", aliases: ["codellama-34b-instruct"], price: [0.776, 0.776], paramsB: 34, year: 2023.6 },
  { id: "wizardlm-13b-v1.2", aliases: [], price: [0.3, 0.3], paramsB: 13, year: 2023.6 },
  { id: "yi-34b-chat", aliases: [], price: [0.8, 0.8], paramsB: 34, year: 2023.9 },
  { id: "codegemma-7b", aliases: [], price: [0.2, 0.2], paramsB: 7, year: 2024.3 },
  { id: "gemma-2-9b-it", aliases: [], price: [0.1, 0.1], paramsB: 9, year: 2024.5 },
  { id: "llama-3.1-8b-instruct", aliases: ["meta-llama-3.1-8b-instruct"], price: [0.2, 0.2], paramsB: 8, year: 2024.6 },
  { id: "llama-3.1-nemotron-51b-instruct", aliases: [], price: [0.9, 0.9], paramsB: 51, year: 2024.8 },
  { id: "llama-3.3-nemotron-super-49b-v1", aliases: [], price: [0.9, 0.9], paramsB: 49, year: 2025.2 },
  { id: "llama3-chatqa-1.5-70b", aliases: [], price: [0.9, 0.9], paramsB: 70, year: 2024.3 },
  { id: "llama3-chatqa-1.5-8b", aliases: [], price: [0.2, 0.2], paramsB: 8, year: 2024.3 },
  { id: "mistral-7b-instruct-v0.3", aliases: [], price: [0.2, 0.2], paramsB: 7, year: 2024.4 },
  { id: "qwen2.5-7b-instruct", aliases: [], price: [0.2, 0.2], paramsB: 7, year: 2024.7 },
  { id: "llama-13b", aliases: [], paramsB: 13, year: 2023.1 },
  { id: "meta-llama-3-8b", aliases: ["llama-3-8b"], paramsB: 8, year: 2024.3 },
  { id: "vicuna-13b-v1.5", aliases: [], paramsB: 13, year: 2023.6 },
];

const byName = new Map<string, CatalogEntry>();
for (const entry of entries) {
  byName.set(entry.id, entry);
  for (const alias of entry.aliases) byName.set(alias, entry);
}

/** Lower case, organisation prefix dropped, `_` and spaces to `-`: the key the table uses. */
export function normaliseModelName(name: string): string {
  const lower = name.trim().toLowerCase();
  const slash = lower.lastIndexOf("/");
  return (slash >= 0 ? lower.slice(slash + 1) : lower).replace(/[_\s]+/g, "-");
}

/** The catalog entry for a name in any spelling, if the table knows the model. */
export function catalogEntry(name: string): CatalogEntry | undefined {
  return byName.get(normaliseModelName(name));
}

/** The canonical id of a model name: the table's id when known, else the normalised name. */
export function canonicalModelId(name: string): string {
  const normalised = normaliseModelName(name);
  return byName.get(normalised)?.id ?? normalised;
}
