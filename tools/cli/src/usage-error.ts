const marker = Symbol.for("switchyard.cli.UsageError");

/** A bad command line (exit status 2): the message says what to change. */
export class UsageError extends Error {
  readonly [marker] = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "UsageError";
  }

  /** True for a UsageError from any copy of this module. */
  static isInstance(value: unknown): value is UsageError {
    return typeof value === "object" && value !== null && marker in value;
  }
}
