import type { Command } from "../command-context.js";
import { alertsCommand } from "./alerts-command.js";
import { askCommand } from "./ask-command.js";
import { budgetCommand } from "./budget-command.js";
import { exportCommand } from "./export-command.js";
import { feedbackCommand } from "./feedback-command.js";
import { modelsCommand } from "./models-command.js";
import { reportCommand } from "./report-command.js";
import { statsCommand } from "./stats-command.js";

/** Every command, in the order `switchyard --help` lists them. */
export const commands: readonly Command[] = [
  askCommand,
  modelsCommand,
  reportCommand,
  statsCommand,
  exportCommand,
  budgetCommand,
  alertsCommand,
  feedbackCommand,
];
