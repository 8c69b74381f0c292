/**
 * The selector's in-process inference, as a package entry (`@switchyard/selector/inference`)
 * for benchmarks and tools that score prompts without the gRPC service.
 */
export { loadArtifact } from "./model/artifact-store.js";
export type { LoadedArtifact } from "./model/artifact-store.js";
export { SelectorModel } from "./model/selector-model.js";
export type { CandidateScore, PromptScore, ScoreOptions } from "./model/selector-model.js";
export { packagedArtifactDir } from "./config.js";
