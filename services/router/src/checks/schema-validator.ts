import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";

/** The outcome of validating one value against a JSON schema. */
export type SchemaVerdict = { readonly valid: true } | { readonly valid: false; readonly problem: string };

/**
 * Validates values against JSON schemas with Ajv (draft 2020-12 keywords the providers use;
 * unknown keywords and formats are tolerated, since callers write schemas for providers, not
 * for us). Compiled schemas are kept per schema text, so a conversation that repeats its tools
 * compiles them once. A schema Ajv cannot compile is reported as a problem, never thrown.
 */
export class SchemaValidator {
  readonly #ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
  readonly #compiled = new Map<string, ValidateFunction | string>();

  validate(schema: Readonly<Record<string, unknown>>, value: unknown): SchemaVerdict {
    const validate = this.#compile(schema);
    if (typeof validate === "string") return { valid: false, problem: `the schema does not compile: ${validate}` };
    if (validate(value)) return { valid: true };
    const error = validate.errors?.[0];
    return { valid: false, problem: error ? `${error.instancePath || "/"} ${error.message ?? "is invalid"}` : "is invalid" };
  }

  #compile(schema: Readonly<Record<string, unknown>>): ValidateFunction | string {
    const key = JSON.stringify(schema);
    let compiled = this.#compiled.get(key);
    if (compiled === undefined) {
      try {
        compiled = this.#ajv.compile(schema);
      } catch (error) {
        compiled = error instanceof Error ? error.message : String(error);
      }
      if (this.#compiled.size > 1_000) this.#compiled.clear();
      this.#compiled.set(key, compiled);
    }
    return compiled;
  }
}
