import type { GenerateResponse } from "@switchyard/contracts/switchyard/v1/executor_pb";

/**
 * What two answers must share to agree when they are tool calls: the same tools called with the
 * same arguments, compared as parsed JSON with sorted keys (so `{"a":1,"b":2}` and
 * `{"b": 2, "a": 1}` agree) and ignoring call ids, which every provider makes up. Undefined
 * when the answer called no tool.
 */
export function toolCallAgreementKey(response: GenerateResponse): string | undefined {
  if (response.toolCalls.length === 0) return undefined;
  return JSON.stringify(response.toolCalls.map((call) => [call.name, canonical(parseOrText(call.argumentsJson))]));
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([left], [right]) => left.localeCompare(right))
      .map(([key, entry]) => [key, canonical(entry)]),
  );
}
