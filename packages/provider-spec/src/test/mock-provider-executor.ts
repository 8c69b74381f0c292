import type { CallOptions } from "../call-options.js";
import type { FinishPart, GenerateResult, StreamPart } from "../call-result.js";
import type { ProviderExecutor } from "../provider-executor.js";
import { specificationVersion } from "../provider-executor.js";
import { ProviderError } from "../provider-error.js";
import { usageOf } from "../token-usage.js";

/**
 * What one mocked call does: answer with a text, fail with a ProviderError, or (streams)
 * send some deltas and then fail, as a cut stream does.
 */
export type MockBehaviour =
  | { readonly text: string; readonly finish?: Omit<FinishPart, "type"> }
  | { readonly error: ProviderError }
  | { readonly deltas: readonly string[]; readonly thenError: ProviderError };

/** Settings of a MockProviderExecutor. */
export interface MockProviderExecutorSettings {
  readonly provider?: string;
  readonly modelId?: string;
  /** Behaviours used in order, one per call; the last one repeats. */
  readonly behaviours: readonly MockBehaviour[];
}

/** A ProviderExecutor that records its calls and plays scripted behaviours (vercel/ai MockLanguageModel style). */
export class MockProviderExecutor implements ProviderExecutor {
  readonly specificationVersion = specificationVersion;
  readonly provider: string;
  readonly modelId: string;
  /** Every call's options, in order. */
  readonly calls: CallOptions[] = [];
  readonly #behaviours: readonly MockBehaviour[];

  constructor(settings: MockProviderExecutorSettings) {
    this.provider = settings.provider ?? "mock";
    this.modelId = settings.modelId ?? "mock-model";
    this.#behaviours = settings.behaviours;
  }

  validateProviderOptions(): void {
    // Any options: the mock sends nothing anywhere.
  }

  async generate(options: CallOptions): Promise<GenerateResult> {
    const behaviour = this.#next(options);
    if ("error" in behaviour) throw behaviour.error;
    if ("thenError" in behaviour) throw behaviour.thenError;
    return { text: behaviour.text, ...finishOf(behaviour.text, behaviour.finish) };
  }

  async *stream(options: CallOptions): AsyncIterable<StreamPart> {
    const behaviour = this.#next(options);
    if ("error" in behaviour) throw behaviour.error;
    const deltas = "deltas" in behaviour ? behaviour.deltas : behaviour.text.split(/(?=\s)/);
    for (const text of deltas) {
      if (options.abortSignal.aborted) throw new ProviderError({ kind: "cancelled", provider: this.provider, message: "request aborted" });
      yield { type: "text-delta", text };
    }
    if ("thenError" in behaviour) throw behaviour.thenError;
    yield { type: "finish", ...finishOf(behaviour.text, behaviour.finish) };
  }

  #next(options: CallOptions): MockBehaviour {
    this.calls.push(options);
    const behaviour = this.#behaviours[Math.min(this.calls.length - 1, this.#behaviours.length - 1)];
    if (!behaviour) throw new Error("MockProviderExecutor has no behaviours");
    return behaviour;
  }
}

function finishOf(text: string, finish: Omit<FinishPart, "type"> | undefined): Omit<FinishPart, "type"> & Pick<GenerateResult, "usage"> {
  return { finishReason: "stop", usage: usageOf(1, text.split(/\s+/).filter(Boolean).length), ...finish };
}
