// Canonical markdown of program.md: a text section's canonical body, fenced code blocks
// (inside which '#' lines are text), the headings that end a section, and a spec rendered in
// that form. The parser and the validator read by the same rules. Pure and free of node:
// imports so that workflow code can use it.
import type { ProgramSpec } from './programSpec';

export const HEADING = /^(#{1,2})(?:[ \t]+(.*))?$/; // '# x' or '## x' (not '### x', not '#x')
const FENCE = /^(`{3,}|~{3,})/;

/** Drops trailing whitespace on each line and blank lines at both ends: the canonical form of a text section. */
export function normalizeBody(lines: string[]): string {
  const trimmed = lines.map((l) => l.trimEnd());
  let start = 0;
  let end = trimmed.length;
  while (start < end && trimmed[start] === '') start++;
  while (end > start && trimmed[end - 1] === '') end--;
  return trimmed.slice(start, end).join('\n');
}

/** Tracks fenced code blocks, inside which '#' lines are text, not headings. */
export class FenceTracker {
  open?: { char: string; len: number; line: number };
  /** Feeds one line; true when the line is part of a fence (its opening, body or closing). */
  feed(line: string, lineNo: number): boolean {
    if (this.open) {
      const t = line.trim();
      if (t.length >= this.open.len && t === this.open.char.repeat(t.length)) this.open = undefined;
      return true;
    }
    const m = FENCE.exec(line);
    if (m) {
      this.open = { char: m[1]![0]!, len: m[1]!.length, line: lineNo };
      return true;
    }
    return false;
  }
}

export const unclosedFence = (what: string, line: number): string =>
  `${what} opens a code fence at line ${line} that is never closed: close it with a matching fence line`;

/** Canonical markdown for a spec. parseProgram(renderProgram(s)).spec deep-equals s for any valid s in canonical form (as parseProgram returns it). */
export function renderProgram(spec: ProgramSpec): string {
  const out: string[] = [`# ${spec.title.trim()}`, '', '## Task', normalizeBody(spec.task.split('\n')), ''];
  const context = spec.context === undefined ? '' : normalizeBody(spec.context.split('\n'));
  if (context) out.push('## Context', context, '');
  const bullets = (heading: string, items: string[] | undefined) => {
    if (items && items.length > 0) out.push(`## ${heading}`, ...items.map((item) => `- ${item.trim()}`), '');
  };
  bullets('Acceptance criteria', spec.acceptanceCriteria);
  bullets('Success conditions', spec.successConditions);
  bullets('Constraints', spec.constraints);
  bullets('Tests that may change', spec.testsThatMayChange);
  bullets('Capabilities', spec.capabilities);
  bullets('Held-out examples', spec.heldOutExamples);
  if (spec.risk) out.push('## Risk', spec.risk, '');
  return `${out.join('\n').trimEnd()}\n`;
}
