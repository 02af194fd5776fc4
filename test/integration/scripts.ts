import type { ModelScript, ScriptStep } from '../../model/modelScript';

// Scripted Labs and reviewers for the calc example (examples/calc).

/** The Lab's four tools as script steps. */
export const write = (path: string, content: string): ScriptStep => ({ tool: 'write', input: { path, content } });
export const edit = (path: string, old_text: string, new_text: string): ScriptStep => ({ tool: 'edit', input: { path, old_text, new_text } });
export const bash = (command: string, timeout?: number): ScriptStep => ({ tool: 'bash', input: timeout ? { command, timeout } : { command } });
export const read = (path: string): ScriptStep => ({ tool: 'read', input: { path } });

export const MULTIPLY_EDIT: ScriptStep = {
  tool: 'edit',
  input: {
    path: 'src/calc.js',
    old_text: 'export function subtract(a, b) {\n  return a - b;\n}\n',
    new_text: 'export function subtract(a, b) {\n  return a - b;\n}\n\nexport function multiply(a, b) {\n  return a * b;\n}\n',
  },
};

export const MULTIPLY_TEST: ScriptStep = {
  tool: 'write',
  input: {
    path: 'test/multiply.test.js',
    content:
      "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { multiply } from '../src/calc.js';\n\n" +
      "test('multiply', () => {\n  assert.equal(multiply(3, 4), 12);\n});\n\ntest('multiply negative', () => {\n  assert.equal(multiply(-2, 5), -10);\n});\n",
  },
};

export function verdict(v: 'APPROVED' | 'REJECTED', reasoning: string, confidence = 0.9): ScriptStep {
  return { tool: 'submit_verdict', input: { verdict: v, confidence, reasoning } };
}

export const APPROVE = verdict('APPROVED', 'multiply is added with meaningful tests; nothing else changes.');

export function labScript(steps: ScriptStep[], review: ScriptStep[] = [APPROVE]): ModelScript {
  return { lab: [...steps, { text: 'Done.' }], prime: review };
}

/** The Lab adds multiply and its tests: the change every gate should pass. */
export const addMultiply = (review: ScriptStep[] = [APPROVE]) =>
  labScript([read('src/calc.js'), MULTIPLY_EDIT, MULTIPLY_TEST], review);

/** Prime's reflect answer: a valid program.md as a submit_program call. */
export function program(title: string, task: string, risk: 'tests' | 'refactor' | 'feature' = 'tests', acceptance = ['npm test passes']): ScriptStep {
  return { tool: 'submit_program', input: { title, task, acceptance_criteria: acceptance, constraints: ['Change nothing else'], risk } };
}

/** A loop script: per generation, Prime reflects then reviews, and the Lab runs its steps. */
export function loopScript(generations: Array<{ program: ScriptStep; lab: ScriptStep[]; review?: ScriptStep | null }>): ModelScript {
  return {
    // review: null for a generation that never reaches the reviewer.
    prime: generations.flatMap((g) => (g.review === null ? [g.program] : [g.program, g.review ?? APPROVE])),
    lab: generations.flatMap((g) => [...g.lab, { text: 'Done.' }]),
  };
}

/** A generation that adds a small documented note file: harmless, always promotable. */
export function noteGeneration(n: number) {
  return {
    program: program(`Write note ${n}`, `Add docs/note-${n}.md describing generation ${n}.`, 'feature'),
    lab: [{ tool: 'write', input: { path: `docs/note-${n}.md`, content: `# Note ${n}\n\nWritten by generation ${n}.\n` } }],
  };
}
