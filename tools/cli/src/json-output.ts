import { toJson } from "@bufbuild/protobuf";
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";

/**
 * A message as pretty JSON in the proto3 JSON mapping (int64 as strings, enums by name), the
 * same shape the Connect JSON API gives, so scripts see one format everywhere.
 */
export function messageJson<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): string {
  return `${JSON.stringify(toJson(schema, message), null, 2)}\n`;
}

/** One message as a single JSON line (for streams: one line per event). */
export function messageJsonLine<Desc extends DescMessage>(schema: Desc, message: MessageShape<Desc>): string {
  return `${JSON.stringify(toJson(schema, message))}\n`;
}
