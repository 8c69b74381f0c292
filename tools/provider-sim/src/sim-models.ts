/** How a simulated model behaves: its speed, its window and how long its answers are. */
export interface SimModel {
  readonly name: string;
  /** Delay before the first token, in milliseconds. */
  readonly timeToFirstTokenMs: number;
  /** Output speed; Infinity sends the whole answer at once. */
  readonly tokensPerSecond: number;
  /** Prompts longer than this (in estimated tokens) get a context-length error. */
  readonly contextWindow: number;
  /** Output tokens of a default answer. */
  readonly answerTokens: number;
  /** Mean token log-probability reported when logprobs are asked for (bigger models are surer). */
  readonly meanLogprob: number;
}

/** The models the simulator serves by default; the local configuration prices them. */
export const defaultSimModels: readonly SimModel[] = [
  { name: "sim-small", timeToFirstTokenMs: 40, tokensPerSecond: 400, contextWindow: 8_192, answerTokens: 24, meanLogprob: -0.9 },
  { name: "sim-medium", timeToFirstTokenMs: 90, tokensPerSecond: 200, contextWindow: 32_768, answerTokens: 40, meanLogprob: -0.5 },
  { name: "sim-large", timeToFirstTokenMs: 180, tokensPerSecond: 100, contextWindow: 131_072, answerTokens: 64, meanLogprob: -0.2 },
  { name: "sim-ollama", timeToFirstTokenMs: 60, tokensPerSecond: 250, contextWindow: 8_192, answerTokens: 32, meanLogprob: -0.7 },
  { name: "sim-instant", timeToFirstTokenMs: 0, tokensPerSecond: Number.POSITIVE_INFINITY, contextWindow: 131_072, answerTokens: 16, meanLogprob: -0.3 },
];

/** Scales every model's delays (0 makes the simulator instant, for benchmarks). */
export function scaleLatency(models: readonly SimModel[], factor: number): SimModel[] {
  return models.map((model) => ({
    ...model,
    timeToFirstTokenMs: model.timeToFirstTokenMs * factor,
    tokensPerSecond: factor === 0 ? Number.POSITIVE_INFINITY : model.tokensPerSecond / factor,
  }));
}
