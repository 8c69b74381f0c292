import type { TextMapGetter, TextMapSetter } from "@opentelemetry/api";

/** Reads W3C trace-context fields from Connect request headers. */
export const headerGetter: TextMapGetter<Headers> = {
  keys: (headers) => [...headers.keys()],
  get: (headers, key) => headers.get(key) ?? undefined,
};

/** Writes W3C trace-context fields into Connect request headers. */
export const headerSetter: TextMapSetter<Headers> = {
  set: (headers, key, value) => headers.set(key, value),
};
