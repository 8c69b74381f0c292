/** A column of a table: its header and whether numbers align right. */
export interface Column {
  readonly header: string;
  readonly align?: "left" | "right";
}

/** Renders rows as a plain-text table with padded columns, for people (scripts use --json). */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) => Math.max(column.header.length, ...rows.map((row) => (row[index] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? "";
        return column.align === "right" ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("  ");
  return [line(columns.map((column) => column.header)), rule, ...rows.map(line)].join("\n") + "\n";
}
