// Checking a structured ProgramSpec by the same rules as parseProgram, for a spec that never
// was markdown (one a model returned as a tool call). Pure and free of node: imports so that
// workflow code can use it.
import { declaredCapabilities } from './capabilityNames';
import { FenceTracker, HEADING, normalizeBody, renderProgram, unclosedFence } from './programMarkdown';
import { isRisk, MAX_PROGRAM_CHARS, MAX_TITLE_CHARS, MIN_TASK_CHARS, MIN_TITLE_CHARS, msg, quote, readableExample, type ProgramProblem, type ProgramSpec } from './programSpec';

/** Problems in a text field's lines that would change its meaning once rendered: '# '/'## ' lines outside fences, an unclosed fence. */
function bodyProblems(field: string, text: string): ProgramProblem[] {
  const problems: ProgramProblem[] = [];
  const fence = new FenceTracker();
  text.split('\n').forEach((line, i) => {
    if (!fence.feed(line.trimEnd(), i + 1) && HEADING.test(line.trimEnd())) {
      problems.push({ message: `${field} line ${i + 1} is a "#" or "##" heading (${quote(line.trim())}), which would end the section: use "###" or plain text` });
    }
  });
  if (fence.open) problems.push({ message: unclosedFence(field, fence.open.line) });
  return problems;
}

function listProblems(field: string, heading: string, items: unknown, required: boolean): ProgramProblem[] {
  if (items === undefined && !required) return [];
  if (!Array.isArray(items)) return [{ message: `${field} ("## ${heading}") must be a list of strings` }];
  const problems: ProgramProblem[] = [];
  if (required && items.length === 0) problems.push({ message: `${field} ("## ${heading}") is empty: add at least one item, each one checkable` });
  items.forEach((item, i) => {
    if (typeof item !== 'string') problems.push({ message: `${field} item ${i + 1} is not text: make it a string` });
    else if (item.trim() === '') problems.push({ message: `${field} item ${i + 1} is empty: write it or remove it` });
    else if (/[\r\n]/.test(item.trim())) problems.push({ message: `${field} item ${i + 1} spans several lines: make each item one line, or split it into several items` });
  });
  return problems;
}

/** The same rules as parseProgram, on a structured spec (for example one a model returned as a tool call). */
export function validateSpec(spec: ProgramSpec): ProgramProblem[] {
  const problems: ProgramProblem[] = [];
  const s = spec as unknown as Record<string, unknown>;
  if (typeof s.title !== 'string') problems.push({ message: 'title is missing: give a short title' });
  else {
    const title = s.title.trim();
    if (/[\r\n]/.test(title)) problems.push({ message: 'the title spans several lines: make it one line' });
    else if (title.length < MIN_TITLE_CHARS || title.length > MAX_TITLE_CHARS) problems.push({ message: msg.titleLength(title.length) });
  }
  if (typeof s.task !== 'string' || s.task.trim() === '') problems.push({ message: 'task ("## Task") is empty: describe the change, naming the files and functions involved' });
  else {
    const task = normalizeBody(s.task.split(/\r?\n/));
    if (task.trim().length < MIN_TASK_CHARS) problems.push({ message: msg.taskShort(task.trim().length) });
    problems.push(...bodyProblems('task', task));
  }
  if (s.context !== undefined) {
    if (typeof s.context !== 'string') problems.push({ message: 'context ("## Context") must be text' });
    else problems.push(...bodyProblems('context', normalizeBody(s.context.split(/\r?\n/))));
  }
  problems.push(
    ...listProblems('acceptance criteria', 'Acceptance criteria', s.acceptanceCriteria, true),
    ...listProblems('success conditions', 'Success conditions', s.successConditions, false),
    ...listProblems('constraints', 'Constraints', s.constraints, false),
    ...listProblems('tests that may change', 'Tests that may change', s.testsThatMayChange, false),
    ...listProblems('capabilities', 'Capabilities', s.capabilities, false),
    ...listProblems('held-out examples', 'Held-out examples', s.heldOutExamples, false),
  );
  if (Array.isArray(s.heldOutExamples)) for (const item of s.heldOutExamples) if (typeof item === 'string' && item.trim() && !readableExample(item)) problems.push({ message: msg.heldOut(item.trim()) });
  if (Array.isArray(s.capabilities)) for (const item of declaredCapabilities(s.capabilities.filter((c): c is string => typeof c === 'string' && c.trim() !== '')).unknown) problems.push({ message: msg.capability(item) });
  if (s.risk !== undefined && !isRisk(s.risk)) problems.push({ message: msg.risk(String(s.risk)) });
  if (problems.length === 0) {
    const length = renderProgram(spec).length;
    if (length > MAX_PROGRAM_CHARS) problems.push({ message: msg.tooLong(length) });
  }
  return problems;
}
