import { ReportDimension } from "@switchyard/contracts/switchyard/v1/ledger_pb";
import { UsageError } from "../usage-error.js";

const byName: Record<string, ReportDimension> = {
  tenant: ReportDimension.TENANT,
  "api-key": ReportDimension.API_KEY,
  api_key: ReportDimension.API_KEY,
  model: ReportDimension.MODEL,
  provider: ReportDimension.PROVIDER,
  strategy: ReportDimension.STRATEGY,
  "task-type": ReportDimension.TASK_TYPE,
  task_type: ReportDimension.TASK_TYPE,
  day: ReportDimension.DAY,
  project: ReportDimension.PROJECT,
  tag: ReportDimension.TAG,
};

/** The dimension names `report --by` accepts. */
export const dimensionNames = ["tenant", "api-key", "model", "provider", "strategy", "task-type", "day", "project", "tag"] as const;

/** `--by model,day` as report dimensions; an unknown name is a usage error naming the known ones. */
export function dimensionsOf(names: readonly string[]): ReportDimension[] {
  return names.map((name) => {
    const dimension = byName[name.toLowerCase()];
    if (dimension === undefined) throw new UsageError(`--by: unknown dimension "${name}" (use ${dimensionNames.join(", ")})`);
    return dimension;
  });
}
