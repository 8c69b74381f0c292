import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { LedgerService } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { loadExportOptions } from "./config.js";
import type { ExportOptions } from "./config.js";
import { csvColumns, eventToCsv } from "@switchyard/runtime/cost-event-csv";

/** Streams ExportEvents into CSV; resolves with the number of rows written. */
async function exportCsv(options: ExportOptions, output: Writable): Promise<number> {
  const client = createClient(LedgerService, createGrpcTransport({ baseUrl: options.url }));
  const headers = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : undefined;
  const request = {
    tenant: options.tenant,
    ...(options.from ? { start: timestampFromDate(options.from) } : {}),
    ...(options.to ? { end: timestampFromDate(options.to) } : {}),
  };
  output.write(`${csvColumns.join(",")}\n`);
  let rows = 0;
  for await (const response of client.exportEvents(request, { headers })) {
    // Decision records explain spend and are not spend: the CSV keeps to cost events.
    if (!response.event || response.event.routingDecision) continue;
    if (!output.write(`${eventToCsv(response.event)}\n`)) await new Promise((resolve) => output.once("drain", resolve));
    rows += 1;
  }
  return rows;
}

try {
  const options = loadExportOptions(process.argv.slice(2));
  const output = options.out ? createWriteStream(options.out) : process.stdout;
  const rows = await exportCsv(options, output);
  if (options.out) await new Promise((resolve) => (output as ReturnType<typeof createWriteStream>).end(resolve));
  process.stderr.write(`${rows} cost events exported\n`);
} catch (error) {
  process.stderr.write(`ledger:export failed: ${error instanceof ConnectError ? `${error.code} ${error.rawMessage}` : (error as Error).message}\n`);
  process.exitCode = 1;
}
