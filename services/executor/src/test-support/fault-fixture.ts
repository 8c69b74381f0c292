import { defaultSimModels } from "@switchyard/provider-sim";
import type { SimModel } from "@switchyard/provider-sim";

/** Price of every fault-matrix model: $1 per million input tokens, $2 per million output (1000 and 2000 nano-USD a token). */
export const inputNanoPerToken = 1_000n;
export const outputNanoPerToken = 2_000n;

/** Expected cost of a usage at the fault-matrix price. */
export function costAt(inputTokens: bigint | number, outputTokens: bigint | number): bigint {
  return BigInt(inputTokens) * inputNanoPerToken + BigInt(outputTokens) * outputNanoPerToken;
}

const template = defaultSimModels.find((model) => model.name === "sim-small")!;

/**
 * One simulated model per fault case, so each case has its own breaker, limits and simulator
 * counters: fast (2 ms to the first token, 4000 tokens a second) so the matrix runs quickly.
 */
export function faultSimModels(names: readonly string[]): SimModel[] {
  return names.map((name) => ({ ...template, name, timeToFirstTokenMs: 2, tokensPerSecond: 4_000, answerTokens: 24 }));
}

/**
 * A switchyard.yaml with the simulator as an OpenAI-protocol and an Ollama-protocol provider and
 * the given models (name: extra YAML fields); names starting with "ollama-" use the Ollama one.
 */
export function faultConfig(models: Record<string, string>, executor = ""): string {
  const lines = Object.entries(models).map(([name, extra]) => {
    const provider = name.startsWith("ollama-") ? "simulator-ollama" : "simulator";
    return `  ${name}: { provider: ${provider}, price: { inputPerMillion: "1", outputPerMillion: "2" }${extra ? `, ${extra}` : ""} }`;
  });
  return `
providers:
  simulator: { kind: openai, baseUrl: "\${SIM_URL}/v1", simulated: true }
  simulator-ollama: { kind: ollama, baseUrl: "\${SIM_URL}", simulated: true }
models:
${lines.join("\n")}
tenants: { acme: {} }
executor: { retryInitialDelayMs: 50, retryMaxDelayMs: 200${executor} }
`;
}
