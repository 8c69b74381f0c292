type Schema = Record<string, unknown>;

/**
 * A deterministic value valid against a JSON schema, as far as the simulator needs one: objects
 * with every property (required or not), the first enum or const value, strings that say they
 * are simulated, 1 for numbers, true for booleans, one-element arrays, the first of anyOf/oneOf.
 * `$ref`s and other keywords are not followed: such schemas get `null` there.
 */
export function sampleFromSchema(schema: Schema, model: string, depth = 0): unknown {
  if (depth > 8) return null;
  if ("const" in schema) return schema["const"];
  if (Array.isArray(schema["enum"]) && schema["enum"].length > 0) return schema["enum"][0];
  const alternatives = (schema["anyOf"] ?? schema["oneOf"]) as Schema[] | undefined;
  if (Array.isArray(alternatives) && alternatives[0]) return sampleFromSchema(alternatives[0], model, depth + 1);
  const type = Array.isArray(schema["type"]) ? (schema["type"] as unknown[]).find((entry) => entry !== "null") : schema["type"];
  switch (type) {
    case "object":
      return Object.fromEntries(
        Object.entries((schema["properties"] as Record<string, Schema> | undefined) ?? {}).map(([name, property]) => [
          name,
          sampleFromSchema(property, model, depth + 1),
        ]),
      );
    case "array":
      return schema["items"] ? [sampleFromSchema(schema["items"] as Schema, model, depth + 1)] : [];
    case "string":
      return `simulated by ${model}`;
    case "integer":
    case "number":
      return typeof schema["minimum"] === "number" ? schema["minimum"] : 1;
    case "boolean":
      return true;
    default:
      return null;
  }
}
