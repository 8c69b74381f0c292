import { create } from "@bufbuild/protobuf";
import type { HandlerContext } from "@connectrpc/connect";
import { ExportCsvResponseSchema } from "@switchyard/contracts/switchyard/v1/account_pb";
import type { ExportCsvRequest, ExportCsvResponse } from "@switchyard/contracts/switchyard/v1/account_pb";
import { ReportDimension } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { csvColumns, eventToCsv } from "@switchyard/runtime";
import { callerOf, scopedTenant } from "./account-auth.js";
import type { AccountDeps } from "./account-deps.js";

/** Lines per chunk: big enough to keep messages few, small enough to show progress. */
const linesPerChunk = 500;

/**
 * ExportCsv: the caller's cost events of a range as CSV (the columns of `ledger:export`). The
 * total comes first from a report over the same range (one row per attempt, as exported), so
 * a client can show progress; the events then stream from the ledger's ExportEvents.
 */
export async function* exportCsv(deps: AccountDeps, request: ExportCsvRequest, context: HandlerContext): AsyncGenerator<ExportCsvResponse> {
  const tenant = scopedTenant(callerOf(context), request.tenant);
  const range = { start: request.start, end: request.end, tenant };
  const report = await deps.ledger.report({ ...range, groupBy: [ReportDimension.TENANT] }, { signal: context.signal });
  const total = report.total?.attempts ?? 0n;
  let written = 0n;
  let lines: string[] = [csvColumns.join(",")];
  for await (const { event } of deps.ledger.exportEvents(range, { signal: context.signal })) {
    // One row per attempt, as the total counts: decision records and quality observations are not spend.
    if (!event || event.routingDecision || event.quality !== undefined) continue;
    lines.push(eventToCsv(event));
    written += 1n;
    if (lines.length >= linesPerChunk) {
      yield create(ExportCsvResponseSchema, { chunk: `${lines.join("\n")}\n`, eventsWritten: written, eventsTotal: total > written ? total : written });
      lines = [];
    }
  }
  yield create(ExportCsvResponseSchema, {
    chunk: lines.length > 0 ? `${lines.join("\n")}\n` : "",
    eventsWritten: written,
    eventsTotal: total > written ? total : written,
  });
}
