import { z } from "zod";

/** Format tag of the artifact; a loader refuses anything else. */
export const artifactFormat = "switchyard-selector/1";

const calibratorSchema = z.object({ knotsX: z.array(z.number()), knotsY: z.array(z.number()) });

/**
 * The trained selector as committed in the repository: small JSON metadata (readable in a
 * review: version, data hash, options, per-model residuals, calibrators, validation figures)
 * plus one binary file of quantised feature rows, bound to the JSON by its SHA-256.
 */
export const artifactMetaSchema = z.object({
  format: z.literal(artifactFormat),
  /** `<featureVersion>-<first 12 hex of the data hash>`: what Score reports. */
  version: z.string(),
  featureVersion: z.string(),
  /** SHA-256 over the training files' names and bytes, in sorted order. */
  dataHash: z.string(),
  trainedOn: z.array(z.object({ file: z.string(), records: z.number(), sha256: z.string() })),
  options: z.record(z.string(), z.number()),
  dim: z.number().int().positive(),
  descriptorNames: z.array(z.string()),
  descriptorMap: z.array(z.number()),
  kindBias: z.array(z.number()),
  kindPromptScale: z.array(z.number()),
  taskHead: z.array(z.number()),
  /** Canonical model id to its residual and how much data stood behind it. */
  models: z.record(z.string(), z.object({ residual: z.array(z.number()), outcomes: z.number(), meanQuality: z.number() })),
  /** Per kind slot ("binary", ..., "generic"). */
  calibrators: z.record(z.string(), calibratorSchema),
  novelty: z.object({
    /** log2 of the bit count of the seen-feature filter. */
    filterBits: z.number().int(),
    /** Raw novelty (share of unseen features) at these quantiles of held-out training prompts. */
    inDistributionMedian: z.number(),
    inDistributionP95: z.number(),
  }),
  weights: z.object({
    file: z.string(),
    sha256: z.string(),
    rows: z.number().int(),
    width: z.number().int(),
    /** Per-model heads, one per entry of `models` in key order (none when headBits is 0). */
    headBits: z.number().int().min(0),
    headsFile: z.string(),
    headsSha256: z.string(),
    filterFile: z.string(),
    filterSha256: z.string(),
  }),
  /** Out-of-fold figures printed by training (for the record; validation has the full set). */
  outOfFold: z.record(z.string(), z.number()),
});

export type ArtifactMeta = z.infer<typeof artifactMetaSchema>;
