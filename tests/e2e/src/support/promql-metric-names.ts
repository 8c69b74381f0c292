/** PromQL words that look like identifiers but name no metric. */
const keywords = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan"]);

/**
 * The metric names a PromQL expression reads: identifiers left once string literals, label
 * matchers (`{...}`), range and subquery brackets (`[...]`), grouping clauses (`by (...)`,
 * `on (...)`, ...) and function calls' names are taken out. Enough for dashboard checks; not a
 * PromQL parser.
 */
export function metricNamesIn(expression: string): string[] {
  const stripped = expression
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w.:$])([A-Za-z_:][\w:]*)(\s*\()?/g)) {
    const [, name = "", call] = match;
    if (call || keywords.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names].sort();
}

/** Metric families in a Prometheus text exposition: name → type (from `# TYPE` lines). */
export function metricFamilies(exposition: string): Map<string, string> {
  const families = new Map<string, string>();
  for (const line of exposition.split("\n")) {
    const match = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (match) families.set(match[1]!, match[2]!);
  }
  return families;
}

/** True when `name` is a family, or a histogram's `_bucket`/`_sum`/`_count` (a summary's `_sum`/`_count`). */
export function isExposed(name: string, families: ReadonlyMap<string, string>): boolean {
  if (families.has(name)) return true;
  const series = /^(.*)_(bucket|sum|count)$/.exec(name);
  if (!series) return false;
  const type = families.get(series[1]!);
  return type === "histogram" || (type === "summary" && series[2] !== "bucket");
}
