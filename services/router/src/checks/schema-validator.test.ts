import { describe, expect, it } from "vitest";
import { SchemaValidator } from "./schema-validator.js";

const city = { type: "object", properties: { name: { type: "string" } }, required: ["name"], additionalProperties: false };

describe("SchemaValidator", () => {
  it("validates against a schema that declares no draft", () => {
    const validator = new SchemaValidator();
    expect(validator.validate(city, { name: "Paris" })).toEqual({ valid: true });
    expect(validator.validate(city, { name: 7 })).toMatchObject({ valid: false, problem: expect.stringContaining("/name") as unknown });
  });

  it("compiles the 2020-12 schemas zod 4 and LangChain send, and applies their keywords", () => {
    const validator = new SchemaValidator();
    const declared = { $schema: "https://json-schema.org/draft/2020-12/schema", ...city };
    expect(validator.validate(declared, { name: "Paris" })).toEqual({ valid: true });
    expect(validator.validate(declared, { name: "Paris", extra: 1 })).toMatchObject({ valid: false });
    const tuple = { $schema: "https://json-schema.org/draft/2020-12/schema", type: "array", prefixItems: [{ type: "string" }, { type: "number" }] };
    expect(validator.validate(tuple, ["a", 1])).toEqual({ valid: true });
    expect(validator.validate(tuple, [1, "a"])).toMatchObject({ valid: false });
  });

  it("keeps draft-07 and 2019-09 schemas working", () => {
    const validator = new SchemaValidator();
    expect(validator.validate({ $schema: "http://json-schema.org/draft-07/schema#", ...city }, { name: "Paris" })).toEqual({ valid: true });
    expect(validator.validate({ $schema: "https://json-schema.org/draft/2019-09/schema", ...city }, {})).toMatchObject({ valid: false });
  });

  it("reports a schema that does not compile as a problem, not a throw", () => {
    const verdict = new SchemaValidator().validate({ $schema: "https://example.com/my-own-meta-schema", type: "object" }, {});
    expect(verdict).toMatchObject({ valid: false, problem: expect.stringContaining("the schema does not compile") as unknown });
  });
});
