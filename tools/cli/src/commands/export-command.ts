import { createWriteStream } from "node:fs";
import type { WriteStream } from "node:fs";
import { once } from "node:events";
import type { Command, CommandContext } from "../command-context.js";
import { parseFlags } from "../parse-flags.js";
import { parseMoment } from "../time-args.js";
import { UsageError } from "../usage-error.js";

const options = { format: { type: "string" }, from: { type: "string" }, to: { type: "string" }, tenant: { type: "string" }, out: { type: "string" } } as const;

function progress(written: bigint, total: bigint): string {
  const percent = total > 0n ? Number((written * 100n) / total) : 100;
  return `\rexporting ${written}/${total} cost events (${percent}%)`;
}

async function write(file: WriteStream | undefined, context: CommandContext, chunk: string): Promise<void> {
  if (!file) return context.output.out(chunk);
  if (!file.write(chunk)) await once(file, "drain");
}

async function close(file: WriteStream | undefined): Promise<void> {
  if (!file) return;
  file.end();
  await once(file, "finish");
}

/**
 * `switchyard export --format csv`: the caller's cost events as CSV, to stdout or --out. On a
 * terminal, stderr shows a progress line redrawn as chunks arrive; the count always ends it.
 */
export const exportCommand: Command = {
  name: "export",
  summary: "cost events as CSV: export --format csv [--from] [--to] [--out file]",
  usage: `usage: switchyard export --format csv [--from 2026-06-01|7d] [--to ...] [--tenant t (admins)] [--out spend.csv] [--json]
  One line per provider attempt, money in nano-USD (exact). Progress and the count go to stderr;
  with --json the count is a JSON line there.`,
  async run(args, context) {
    const { values } = parseFlags(args, options);
    if ((values.format ?? "csv") !== "csv") throw new UsageError(`--format: only csv is supported, got "${values.format}"`);
    const request = { start: parseMoment("--from", values.from), end: parseMoment("--to", values.to), tenant: values.tenant ?? "" };
    const file = values.out ? createWriteStream(values.out) : undefined;
    let written = 0n;
    try {
      for await (const response of context.account.exportCsv(request, { signal: context.signal })) {
        await write(file, context, response.chunk);
        written = response.eventsWritten;
        if (context.output.interactive) context.output.err(progress(written, response.eventsTotal));
      }
    } finally {
      await close(file);
    }
    if (context.output.interactive) context.output.err("\n");
    context.output.err(
      context.json ? `${JSON.stringify({ eventsExported: written.toString(), out: values.out ?? "-" })}\n` : `${written} cost events exported\n`,
    );
  },
};
