import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { HandlerContext } from "@connectrpc/connect";
import { ExportEventsResponseSchema, ReportDimension } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { ExportEventsRequest, ExportEventsResponse, ReportRequest, ReportResponse } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { BaselinePrice } from "../reports/baseline-price.js";
import { buildReport, dimensionNames } from "../reports/report-builder.js";
import { principalOf, readableTenant } from "./ledger-auth.js";
import type { LedgerDeps } from "./ledger-deps.js";
import { timeRange } from "./time-range.js";

function groupByOf(requested: readonly ReportDimension[], tagKey: string): ReportDimension[] {
  for (const dimension of requested) {
    if (dimensionNames[dimension] === undefined) {
      throw new ConnectError(
        `group_by: unknown dimension ${dimension} (use TENANT, API_KEY, MODEL, PROVIDER, STRATEGY, TASK_TYPE, DAY, PROJECT or TAG)`,
        Code.InvalidArgument,
      );
    }
  }
  if (requested.includes(ReportDimension.TAG) && !tagKey) throw new ConnectError("tag_key: required when grouping by TAG", Code.InvalidArgument);
  return requested.length > 0 ? [...new Set(requested)] : [ReportDimension.TENANT, ReportDimension.MODEL];
}

function baselineOf(deps: LedgerDeps, requested: string): BaselinePrice | undefined {
  const model = requested || deps.baselineModel;
  if (!model) return undefined;
  if (!Object.hasOwn(deps.models, model)) throw new ConnectError(`baseline_model: unknown model "${model}"`, Code.NotFound);
  const price = deps.priceOf(model);
  if (!price) throw new ConnectError(`baseline_model: model "${model}" has no configured price`, Code.FailedPrecondition);
  return { model, price };
}

/** Report: spend, tokens, requests, errors and baseline savings over a time range, grouped. */
export function reportRpc(deps: LedgerDeps, request: ReportRequest, context: HandlerContext): ReportResponse {
  const tenant = readableTenant(principalOf(context), request.tenant);
  const { startMs, endMs } = timeRange(request.start, request.end, deps.book.clock().now);
  const shape = {
    groupBy: groupByOf(request.groupBy, request.tagKey),
    timeZone: deps.timeZone,
    baseline: baselineOf(deps, request.baselineModel),
    tagKey: request.tagKey,
  };
  return buildReport(deps.index.select(tenant, startMs, endMs), shape);
}

/** ExportEvents: the raw distinct cost events of a time range, in stream order. */
export async function* exportEventsRpc(deps: LedgerDeps, request: ExportEventsRequest, context: HandlerContext): AsyncGenerator<ExportEventsResponse> {
  const tenant = readableTenant(principalOf(context), request.tenant);
  const { startMs, endMs } = timeRange(request.start, request.end, deps.book.clock().now);
  for (const indexed of deps.index.select(tenant, startMs, endMs)) {
    if (context.signal.aborted) return;
    yield create(ExportEventsResponseSchema, { event: indexed.event });
  }
}
