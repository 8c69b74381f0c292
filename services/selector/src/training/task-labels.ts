import type { TaskType } from "../model/quality-model.js";
import { taskTypes } from "../model/quality-model.js";

const taskPatterns: ReadonlyArray<readonly [TaskType, RegExp]> = [
  ["multiple_choice", /arc|mmlu|commonsense|openbook|gpqa|winogrande|hellaswag|piqa|boolq|logiqa|race/],
  ["math", /gsm|math|mgsm|svamp|aqua/],
  ["code", /mbpp|humaneval|human_eval|code|apps|ds1000/],
  ["short_answer", /natural_qa|trivia|squad|hotpot|nq|webq/],
  ["generation", /commongen|summar|translat|xsum|cnn/],
  ["chat", /arena|alpaca|mt-bench|mt_bench|chat|oasst|koala|vicuna|helpful|selfinstruct/],
];

/** The task family of a record's benchmark name, or -1 when the name says nothing. */
export function taskLabelOf(task: string): number {
  const lower = task.toLowerCase();
  for (const [type, pattern] of taskPatterns) if (pattern.test(lower)) return taskTypes.indexOf(type);
  return -1;
}
