/** Parsed command-line flags: repeated flags collect, `--flag value` and `--flag=value` both work. */
export interface CliArgs {
  readonly values: ReadonlyMap<string, readonly string[]>;
}

/** Parses argv (without node and script) into flag values; bare words after a flag extend it. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  const values = new Map<string, string[]>();
  let current: string | undefined;
  for (const arg of argv) {
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      current = name;
      if (!values.has(name)) values.set(name, []);
      if (inline !== undefined) values.get(name)?.push(inline);
    } else if (current !== undefined) values.get(current)?.push(arg);
    else throw new Error(`unexpected argument "${arg}"`);
  }
  return { values };
}

/** The last value of a flag, or `fallback`. */
export function flag(args: CliArgs, name: string, fallback: string): string;
export function flag(args: CliArgs, name: string): string | undefined;
export function flag(args: CliArgs, name: string, fallback?: string): string | undefined {
  const list = args.values.get(name);
  return list && list.length > 0 ? list[list.length - 1] : fallback;
}

/** All values of a flag. */
export function flagList(args: CliArgs, name: string): readonly string[] {
  return args.values.get(name) ?? [];
}
