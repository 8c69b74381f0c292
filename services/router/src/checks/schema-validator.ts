import { Ajv } from "ajv";
import type { Options, ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";

/** The JSON Schema drafts a schema may declare in `$schema`; anything else is read as draft-07. */
type Draft = "2020-12" | "2019-09" | "draft-07";

const ajvOptions: Options = { strict: false, allErrors: false, validateFormats: false };

/** One Ajv per draft: Ajv cannot hold the 2020-12 meta-schema and the older ones at once. */
const createAjv: Record<Draft, () => Ajv> = {
  "2020-12": () => new Ajv2020(ajvOptions),
  "2019-09": () => new Ajv2019(ajvOptions),
  "draft-07": () => new Ajv(ajvOptions),
};

function draftOf(schema: Readonly<Record<string, unknown>>): Draft {
  const declared = typeof schema.$schema === "string" ? schema.$schema : "";
  if (declared.includes("2020-12")) return "2020-12";
  if (declared.includes("2019-09")) return "2019-09";
  return "draft-07";
}

/** The outcome of validating one value against a JSON schema. */
export type SchemaVerdict = { readonly valid: true } | { readonly valid: false; readonly problem: string };

/**
 * Validates values against JSON schemas with Ajv, in the draft the schema declares (zod 4 and
 * LangChain send `"$schema": ".../draft/2020-12/schema"`; no `$schema` reads as draft-07).
 * Unknown keywords and formats are tolerated, since callers write schemas for providers, not
 * for us. Compiled schemas are kept per schema text, so a conversation that repeats its tools
 * compiles them once. A schema Ajv cannot compile is reported as a problem, never thrown.
 */
export class SchemaValidator {
  readonly #ajvByDraft = new Map<Draft, Ajv>();
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
        compiled = this.#ajvFor(draftOf(schema)).compile(schema);
      } catch (error) {
        compiled = error instanceof Error ? error.message : String(error);
      }
      if (this.#compiled.size > 1_000) this.#compiled.clear();
      this.#compiled.set(key, compiled);
    }
    return compiled;
  }

  #ajvFor(draft: Draft): Ajv {
    let ajv = this.#ajvByDraft.get(draft);
    if (!ajv) {
      ajv = createAjv[draft]();
      this.#ajvByDraft.set(draft, ajv);
    }
    return ajv;
  }
}
