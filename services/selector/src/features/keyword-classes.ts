import { hashWord } from "./text-hash.js";

/** Word classes that feed the structural signals. */
export const WordClass = {
  None: 0,
  Code: 1,
  Constraint: 2,
  Imperative: 3,
  WhQuestion: 4,
  Answer: 5,
  Math: 6,
} as const;

const classWords: ReadonlyArray<readonly [number, readonly string[]]> = [
  [
    WordClass.Code,
    [
      "def",
      "return",
      "function",
      "class",
      "import",
      "const",
      "let",
      "var",
      "public",
      "void",
      "int",
      "include",
      "printf",
      "elif",
      "lambda",
      "python",
      "javascript",
      "sql",
      "select",
      "async",
      "await",
      "println",
      "struct",
      "fn",
      "self",
      "null",
      "true",
      "false",
      "code",
      "array",
      "string",
    ],
  ],
  [
    WordClass.Constraint,
    [
      "must",
      "should",
      "exactly",
      "least",
      "most",
      "only",
      "format",
      "json",
      "table",
      "bullet",
      "words",
      "sentences",
      "without",
      "limit",
      "concise",
      "brief",
      "step",
      "list",
    ],
  ],
  [
    WordClass.Imperative,
    [
      "write",
      "explain",
      "create",
      "describe",
      "generate",
      "give",
      "make",
      "summarize",
      "translate",
      "compose",
      "design",
      "implement",
      "provide",
      "suggest",
      "tell",
      "rewrite",
      "draft",
      "help",
      "find",
      "calculate",
      "solve",
      "complete",
    ],
  ],
  [WordClass.WhQuestion, ["what", "why", "how", "which", "who", "when", "where", "is", "are", "can", "does", "do", "would", "could"]],
  [WordClass.Answer, ["answer", "question", "choice", "options"]],
  [
    WordClass.Math,
    [
      "sum",
      "product",
      "equation",
      "integer",
      "probability",
      "prove",
      "number",
      "numbers",
      "fraction",
      "percent",
      "remainder",
      "triangle",
      "digits",
      "x",
      "y",
      "n",
    ],
  ],
];

const tableSize = 1024;
const tableKeys = new Int32Array(tableSize);
const tableClasses = new Uint8Array(tableSize);
for (const [wordClass, words] of classWords) {
  for (const word of words) insert(hashWord(word), wordClass);
}

/** The class of a word by its hash (an open-addressing table: no allocation, a few operations). */
export function wordClassOf(hash: number): number {
  let slot = hash & (tableSize - 1);
  for (;;) {
    const wordClass = tableClasses[slot] ?? 0;
    if (wordClass === WordClass.None) return WordClass.None;
    if (tableKeys[slot] === hash) return wordClass;
    slot = (slot + 1) & (tableSize - 1);
  }
}

function insert(hash: number, wordClass: number): void {
  let slot = hash & (tableSize - 1);
  while ((tableClasses[slot] ?? 0) !== WordClass.None) {
    if (tableKeys[slot] === hash) return;
    slot = (slot + 1) & (tableSize - 1);
  }
  tableKeys[slot] = hash;
  tableClasses[slot] = wordClass;
}
