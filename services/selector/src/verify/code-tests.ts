/**
 * Reading a code task: the tests a prompt states (MBPP's `assert f(x) == y` lines, HumanEval's
 * `>>> f(x)` doctest examples with the expected line after them) and the program an answer
 * gives (its first fenced block, else the whole answer when it defines something).
 */
export interface CodeTask {
  /** The assert statements to run after the program. */
  readonly tests: readonly string[];
  /** Function signatures the prompt itself defines (HumanEval gives the signature and docstring). */
  readonly promptCode: string | undefined;
}

const assertLine = /^[ \t]*(assert\s.+)$/gm;
const doctest = /^[ \t]*>>>[ \t]*(.+)\n[ \t]*(?!>>>)(\S.*)$/gm;

/** The tests stated in a prompt; none when the prompt is not a code task with tests. */
export function codeTaskOf(prompt: string): CodeTask | undefined {
  const tests = [...prompt.matchAll(assertLine)].map((match) => (match[1] ?? "").trim());
  for (const match of prompt.matchAll(doctest)) tests.push(`assert (${(match[1] ?? "").trim()}) == (${(match[2] ?? "").trim()})`);
  if (tests.length === 0) return undefined;
  const defined = /^(?:from .+|import .+|def [\s\S]+)/m.exec(prompt);
  const promptCode = defined && /^def /m.test(prompt) && !/```/.test(prompt) ? prompt.slice(prompt.search(/^(from |import |def )/m)) : undefined;
  return { tests, promptCode };
}

/** The program in an answer, or undefined when it holds no code. */
export function programOf(answer: string): string | undefined {
  const fenced = /```(?:python|py|python3)?[ \t]*\n([\s\S]*?)```/.exec(answer);
  if (fenced?.[1] !== undefined) return fenced[1];
  return /^(def |class |import |from )/m.test(answer) ? answer : undefined;
}

/** The script to run: the program (after the prompt's own code when the answer only completes it), then the tests. */
export function testScript(task: CodeTask, program: string): string {
  const completes = task.promptCode !== undefined && !/^def /m.test(program);
  const body = completes ? `${task.promptCode}\n${program}` : program;
  return `${body}\n\n${task.tests.join("\n")}\n`;
}
