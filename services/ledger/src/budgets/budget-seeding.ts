import { createHash } from "node:crypto";
import type { BudgetConfig, KeyDirectory, Logger } from "@switchyard/runtime";
import type { AccountBook } from "../accounts/account-book.js";
import { seedBudget } from "../accounts/budget-rules.js";
import { budgetFromConfig, idOf, validateBudget } from "./budget-definition.js";

function digestOf(entry: BudgetConfig): string {
  const text = JSON.stringify(entry, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Applies the `budgets:` of the configuration. An entry is written when it is new or changed
 * since it was last applied, so SetBudget changes survive restarts until the file changes.
 */
export async function seedConfiguredBudgets(book: AccountBook, entries: readonly BudgetConfig[], directory: KeyDirectory, logger: Logger): Promise<void> {
  for (const entry of entries) {
    const definition = validateBudget(budgetFromConfig(entry), directory);
    const applied = await book.change(definition.tenant, (account, clock) => seedBudget(account, definition, digestOf(entry), clock), true);
    if (applied) logger.info({ budget: idOf(definition) }, "budget seeded from configuration");
  }
}
