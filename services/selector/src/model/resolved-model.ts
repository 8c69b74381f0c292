import type { LoadedArtifact } from "./artifact-store.js";
import { canonicalModelId } from "./model-catalog.js";
import type { ModelProfile } from "./model-descriptor.js";
import { describeModel } from "./model-descriptor.js";
import { priceOf } from "./pricing.js";
import { modelVector } from "./quality-model.js";

/** A model as the configuration declares it to the selector (all optional). */
export interface CandidateProfile extends ModelProfile {
  /** Score this model as that known model (the config's `aliasOf`). */
  readonly aliasOf?: string;
  /** Exact configured price in nano-USD per million tokens (preferred for cost estimates). */
  readonly priceNanoPerMillion?: { readonly input: bigint; readonly output: bigint };
}

/** A candidate resolved once against the artifact: what scoring needs, precomputed. */
export interface ResolvedModel {
  readonly name: string;
  /** "trained", "alias:<model>" or "prior" (the ModelScore.source values). */
  readonly source: string;
  /** (a_m, e_m): descriptor map times descriptor plus residual. */
  readonly vector: Float32Array;
  readonly head: Float32Array | undefined;
  /** How much data stands behind the model's scores, in [0,1], before feedback. */
  readonly familiarity: number;
  readonly inputNanoPerMillion: bigint;
  readonly outputNanoPerMillion: bigint;
}

const usdToNano = (usdPerMillion: number): bigint => BigInt(Math.round(usdPerMillion * 1e9));

/**
 * Resolves a model name: a configured alias first (`aliasOf`), then the name itself through
 * the alias table; a model the artifact knows scores as "trained" (or "alias:<target>"), any
 * other gets a prior from its descriptor (name, declared tier and price), never an error.
 */
export function resolveModel(artifact: LoadedArtifact, name: string, profile: CandidateProfile = {}): ResolvedModel {
  const { params, meta } = artifact;
  const own = canonicalModelId(name);
  const aliasTarget = profile.aliasOf !== undefined ? canonicalModelId(profile.aliasOf) : undefined;
  const known = aliasTarget !== undefined && meta.models[aliasTarget] ? aliasTarget : meta.models[own] ? own : undefined;
  const descriptorProfile: ModelProfile = known ? {} : { ...(profile.tier ? { tier: profile.tier } : {}), ...(profile.price ? { price: profile.price } : {}) };
  const vector = modelVector(
    params,
    describeModel(known ?? name, descriptorProfile),
    known ? params.residuals.get(known) : undefined,
    new Float32Array(params.dim + 1),
  );
  const outcomes = known ? (meta.models[known]?.outcomes ?? 0) : 0;
  const trainedFamiliarity = 0.6 + 0.4 * Math.min(1, outcomes / 1000);
  const listed = priceOf(known && !profile.price ? known : name, profile);
  return {
    name,
    source: known === undefined ? "prior" : known === aliasTarget && known !== own ? `alias:${known}` : "trained",
    vector,
    head: known ? params.heads.get(known) : undefined,
    familiarity: known === undefined ? 0.35 : known === own ? trainedFamiliarity : 0.8 * trainedFamiliarity,
    inputNanoPerMillion: profile.priceNanoPerMillion?.input ?? usdToNano(listed.inputPerMillion),
    outputNanoPerMillion: profile.priceNanoPerMillion?.output ?? usdToNano(listed.outputPerMillion),
  };
}
