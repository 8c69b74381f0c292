import { parseArgs } from "node:util";
import { z } from "zod";

/** A moment given on the command line: an ISO 8601 date or date-time ("2026-06-01", "2026-06-01T12:00:00Z"). */
const moment = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), { message: "not an ISO 8601 date or date-time" })
  .transform((value) => new Date(value));

const exportSchema = z.object({
  url: z.url().default("http://127.0.0.1:50055"),
  from: moment.optional(),
  to: moment.optional(),
  tenant: z.string().default(""),
  out: z.string().optional(),
  apiKey: z.string().optional(),
});

/** What `npm run ledger:export` was asked to do. */
export type ExportOptions = z.infer<typeof exportSchema>;

export const exportUsage = `usage: npm run ledger:export -- [--from 2026-06-01] [--to 2026-07-01] [--tenant acme] [--url http://127.0.0.1:50055] [--out spend.csv]
  The API key comes from SWITCHYARD_API_KEY (an admin key may name any --tenant, or none for all).`;

/** Parses the command line and environment once; throws with the usage on bad input. */
export function loadExportOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): ExportOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: { url: { type: "string" }, from: { type: "string" }, to: { type: "string" }, tenant: { type: "string" }, out: { type: "string" } },
  });
  const parsed = exportSchema.safeParse({ ...values, url: values.url ?? env["LEDGER_URL"], apiKey: env["SWITCHYARD_API_KEY"] || undefined });
  if (!parsed.success) throw new Error(`${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}\n${exportUsage}`);
  return parsed.data;
}
