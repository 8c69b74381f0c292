// `npm run bench:selector`: in-process Score latency (microseconds per prompt, p50 and p99)
// for 200- and 2,000-token prompts with 10 candidate models, and resident memory. Prints
// figures; never passes or fails on time. Each size runs several rounds; medians are quoted.
// Wall-clock percentiles include whatever else the machine runs; CPU time per call does not.
import { performance } from "node:perf_hooks";
import { loadArtifact, packagedArtifactDir, SelectorModel } from "@switchyard/selector/inference";

const candidates = [
  "gpt-4-1106-preview",
  "gpt-3.5-turbo-1106",
  "claude-v1",
  "mixtral-8x7b-instruct-v0.1",
  "llama-3.1-8b-instruct",
  "qwen2.5-7b-instruct",
  "gemma-2-9b-it",
  "claude-2.1",
  "brand-new-model-70b",
  "my-alias",
];
const vocabulary = (
  "the of a to in is that for it as with was on be by this are from or an which at not have has can will one all " +
  "function return value array string number integer compute solve equation probability triangle derivative " +
  "explain describe history economy climate energy protein neural network database query server latency " +
  "write poem story summary translate question answer choose option correct because therefore however"
).split(" ");

/** A deterministic prompt of about `tokens` tokens (4 characters a token), varied by `seed`. */
function prompt(tokens: number, seed: number): string {
  let state = seed * 2654435761;
  const words: string[] = [];
  let chars = 0;
  while (chars < tokens * 4) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const word = vocabulary[state % vocabulary.length] ?? "x";
    words.push(state % 17 === 0 ? `${word}?\n` : state % 29 === 0 ? `${word} ${state % 1000}` : word);
    chars += word.length + 1;
  }
  return words.join(" ");
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

const artifact = loadArtifact(packagedArtifactDir);
const model = new SelectorModel(artifact, new Map([["my-alias", { aliasOf: "gpt-4-1106-preview" }]]));
const rounds = 5;
const callsPerRound = 2_000;
console.log(`selector ${model.version}: Score in process, ${candidates.length} candidates, ${rounds} rounds x ${callsPerRound} calls per size`);
for (const tokens of [200, 2_000]) {
  const prompts = Array.from({ length: 64 }, (_, index) => prompt(tokens, index + 1));
  for (let index = 0; index < 500; index += 1) model.score(prompts[index % prompts.length] ?? "", candidates);
  const p50s: number[] = [];
  const p99s: number[] = [];
  const cpuPerCall: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const samples: number[] = [];
    const cpuBefore = process.cpuUsage();
    for (let call = 0; call < callsPerRound; call += 1) {
      const text = prompts[call % prompts.length] ?? "";
      const started = performance.now();
      model.score(text, candidates);
      samples.push((performance.now() - started) * 1000);
    }
    const cpu = process.cpuUsage(cpuBefore);
    cpuPerCall.push((cpu.user + cpu.system) / callsPerRound);
    samples.sort((a, b) => a - b);
    p50s.push(percentile(samples, 0.5));
    p99s.push(percentile(samples, 0.99));
  }
  console.log(
    `${String(tokens).padStart(5)}-token prompt: p50 ${median(p50s).toFixed(1)} us, p99 ${median(p99s).toFixed(1)} us, ` +
      `CPU ${median(cpuPerCall).toFixed(1)} us per call ` +
      `(per round p50 ${p50s.map((value) => value.toFixed(0)).join("/")}, p99 ${p99s.map((value) => value.toFixed(0)).join("/")})`,
  );
}
const memory = process.memoryUsage();
console.log(
  `resident memory ${(memory.rss / 2 ** 20).toFixed(1)} MB (heap used ${(memory.heapUsed / 2 ** 20).toFixed(1)} MB, array buffers ${(memory.arrayBuffers / 2 ** 20).toFixed(1)} MB)`,
);
