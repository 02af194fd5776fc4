import type { ModelScript, ScriptStep } from '../../model/scriptedModelServer';

// Scripted Labs and reviewers for the calc example (examples/calc).

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
  labScript([{ tool: 'read', input: { path: 'src/calc.js' } }, MULTIPLY_EDIT, MULTIPLY_TEST], review);
