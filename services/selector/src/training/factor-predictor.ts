import type { QualityParams } from "../model/quality-model.js";
import { headLogit, modelVector, qualityLogit, representPrompt, sigmoid } from "../model/quality-model.js";
import type { Predictor } from "./baseline-models.js";
import type { EncodedRecord } from "./encoded-dataset.js";
import type { DescriptorLookup } from "./factor-trainer.js";

/** Raw probabilities of a trained factor model, as a Predictor (prompt side cached per record). */
export function factorPredictor(
  params: QualityParams,
  describe: DescriptorLookup,
  aliasOf: (model: string) => string | undefined = () => undefined,
): Predictor {
  const width = params.dim + 1;
  const prompt = new Float32Array(width);
  const vectors = new Map<string, Float32Array>();
  let cachedFor: EncodedRecord | undefined;
  return (encoded, model) => {
    if (cachedFor !== encoded) {
      representPrompt(params, encoded.features, prompt);
      cachedFor = encoded;
    }
    let vector = vectors.get(model);
    if (!vector) {
      const known = params.residuals.has(model) ? model : aliasOf(model);
      vector = modelVector(params, describe(known ?? model), known ? params.residuals.get(known) : undefined, new Float32Array(width));
      vectors.set(model, vector);
    }
    const known = params.heads.has(model) ? model : aliasOf(model);
    const head = known ? params.heads.get(known) : undefined;
    return sigmoid(qualityLogit(params, prompt, vector, encoded.kindSlot) + (head ? headLogit(head, encoded.features, params.headBits) : 0));
  };
}
