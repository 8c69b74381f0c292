import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import type { ServiceImpl } from "@connectrpc/connect";
import { ReportDimension, ReportResponseSchema, ReportRowSchema } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import type { ReportRequest, ReportResponse, ReportRow , LedgerService} from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { currentRequestContext } from "@switchyard/runtime";
import type { SpendBook, SpendLine } from "./spend-book.js";

/** What the ledger service needs. */
export interface LedgerDeps {
  readonly book: SpendBook;
  /** Tenant for calls that carry none (local development only). */
  readonly devTenant: string | undefined;
}

const notYet = (what: string): never => {
  throw new ConnectError(`${what} is not implemented yet (ledger issue: budgets and reservations)`, Code.Unimplemented);
};

/** LedgerService: Report of spend per tenant and model; budgets come with the ledger issue. */
export function createLedgerService(deps: LedgerDeps): ServiceImpl<typeof LedgerService> {
  return {
    report: (request) => report(deps, request),
    reserve: () => notYet("Reserve"),
    release: () => notYet("Release"),
    getBudget: () => notYet("GetBudget"),
    setBudget: () => notYet("SetBudget"),
    exportEvents: () => notYet("ExportEvents"),
    watchAlerts: () => notYet("WatchAlerts"),
  };
}

function report(deps: LedgerDeps, request: ReportRequest): ReportResponse {
  const unsupported = request.groupBy.filter((dimension) => dimension !== ReportDimension.TENANT && dimension !== ReportDimension.MODEL);
  if (unsupported.length > 0 || request.start || request.end || request.baselineModel) {
    notYet("Report with time ranges, baselines or dimensions other than tenant and model");
  }
  const tenant = currentRequestContext()?.tenant ?? deps.devTenant;
  if (!tenant) throw new ConnectError("no tenant: send credentials", Code.Unauthenticated);
  if (request.tenant && request.tenant !== tenant) throw new ConnectError(`tenant "${tenant}" may not read tenant "${request.tenant}"`, Code.PermissionDenied);
  const lines = deps.book.lines(tenant);
  return create(ReportResponseSchema, { rows: lines.map(toRow), total: totalOf(lines) });
}

function toRow(line: SpendLine): ReportRow {
  return create(ReportRowSchema, {
    group: { tenant: line.tenant, model: line.model },
    costNanoUsd: line.costNanoUsd,
    inputTokens: line.inputTokens,
    outputTokens: line.outputTokens,
    totalTokens: line.totalTokens,
    requests: BigInt(line.requestIds.size),
    attempts: line.attempts,
    errors: line.errors,
  });
}

/** The total row; requests are counted once even when a request spans several models. */
function totalOf(lines: readonly SpendLine[]): ReportRow {
  const sum = (field: "costNanoUsd" | "inputTokens" | "outputTokens" | "totalTokens" | "attempts" | "errors"): bigint =>
    lines.reduce((total, line) => total + line[field], 0n);
  const requests = new Set(lines.flatMap((line) => [...line.requestIds]));
  return create(ReportRowSchema, {
    costNanoUsd: sum("costNanoUsd"),
    inputTokens: sum("inputTokens"),
    outputTokens: sum("outputTokens"),
    totalTokens: sum("totalTokens"),
    requests: BigInt(requests.size),
    attempts: sum("attempts"),
    errors: sum("errors"),
  });
}
