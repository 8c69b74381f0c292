import type { ToolCall } from "./call-options.js";
import type { ToolCallDeltaPart } from "./call-result.js";

/**
 * Assembles streamed tool-call fragments into whole calls: fragments are grouped by index, the
 * first id and name seen for an index win, argument text is appended in arrival order, and the
 * calls come out in index order. Shared by every streaming adapter and the executor, so one
 * place decides what a fragmented call means.
 */
export class ToolCallAssembly {
  readonly #calls = new Map<number, { id: string; name: string; argumentsJson: string }>();

  add(delta: Omit<ToolCallDeltaPart, "type">): void {
    const call = this.#calls.get(delta.index) ?? { id: "", name: "", argumentsJson: "" };
    if (!call.id && delta.id) call.id = delta.id;
    if (!call.name && delta.name) call.name = delta.name;
    call.argumentsJson += delta.argumentsFragment;
    this.#calls.set(delta.index, call);
  }

  get size(): number {
    return this.#calls.size;
  }

  /** The calls so far, in index order. */
  calls(): ToolCall[] {
    return [...this.#calls.entries()].sort(([left], [right]) => left - right).map(([, call]) => ({ ...call }));
  }
}
