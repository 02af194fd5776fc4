// What the forms of several files share: program.md text, and edits that append after the
// one function each example starts with.
import { edit } from '../../integration/scripts';

/** A program.md: title, task paragraph and acceptance criteria (strings only). */
export const task = (title: string, body: string, criteria: string[], risk = 'feature'): string =>
  `# ${title}\n\n## Task\n${body}\n\n## Acceptance criteria\n${criteria.map((c) => `- ${c}`).join('\n')}\n\n## Risk\n${risk}\n`;

// Anchors in the three examples that an edit appends after.
export const JS_SUBTRACT = 'export function subtract(a, b) {\n  return a - b;\n}\n';
export const PY_SUBTRACT = 'def subtract(a, b):\n    return a - b\n';
export const GO_SUBTRACT = 'func Subtract(a, b int) int {\n\treturn a - b\n}\n';

export const jsAppend = (code: string) => edit('src/calc.js', JS_SUBTRACT, `${JS_SUBTRACT}\n${code}`);
export const pyAppend = (code: string) => edit('calc.py', PY_SUBTRACT, `${PY_SUBTRACT}\n\n${code}`);
export const goAppend = (code: string) => edit('calc.go', GO_SUBTRACT, `${GO_SUBTRACT}\n${code}`);

const GO_PACKAGE = 'package calc\n';
/** Adds an import block to calc.go. */
export const goImports = (paths: string[]) => edit('calc.go', GO_PACKAGE, `${GO_PACKAGE}\nimport (\n${paths.map((p) => `\t"${p}"`).join('\n')}\n)\n`);

/**
 * A shell one-liner, run at the repository root, that writes a small main package importing
 * calc (each argument one line of it) and runs it: what a user of the code sees.
 */
export const goRun = (lines: string[], after = 'go run ./demo') =>
  `mkdir -p demo && printf '%s\\n' ${['package main', ...lines].map((l) => `'${l}'`).join(' ')} > demo/main.go && ${after}`;

export const JS_TEST_HEAD = "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\n";
