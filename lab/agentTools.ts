import type Anthropic from '@anthropic-ai/sdk';
import type { LabShell } from './labShell';

// The four tools of a minimal coding agent. Schemas stay tiny on purpose.
export const AGENT_TOOLS: Anthropic.Tool[] = [
  {
    name: 'read',
    description: 'Read a text file. Paths are relative to the repository root. Optional 1-based line offset and line limit.',
    input_schema: {
      type: 'object',
      properties: { path: { type: 'string' }, offset: { type: 'integer' }, limit: { type: 'integer' } },
      required: ['path'],
    },
  },
  {
    name: 'write',
    description: 'Create or overwrite a file with the given content, creating parent folders.',
    input_schema: {
      type: 'object',
      properties: { path: { type: 'string' }, content: { type: 'string' } },
      required: ['path', 'content'],
    },
  },
  {
    name: 'edit',
    description: 'Replace old_text, which must occur exactly once in the file, with new_text.',
    input_schema: {
      type: 'object',
      properties: { path: { type: 'string' }, old_text: { type: 'string' }, new_text: { type: 'string' } },
      required: ['path', 'old_text', 'new_text'],
    },
  },
  {
    name: 'bash',
    description: 'Run a bash command in the repository root. No network. Output is truncated to the last 32 KB.',
    input_schema: {
      type: 'object',
      properties: { command: { type: 'string' }, timeout: { type: 'integer', description: 'seconds, default 120' } },
      required: ['command'],
    },
  },
];

export interface ToolOutcome {
  text: string;
  isError: boolean;
}

const MAX_BASH_TIMEOUT_SEC = 600;

function str(input: Record<string, unknown>, key: string): string {
  const v = input[key];
  if (typeof v !== 'string') throw new Error(`"${key}" must be a string`);
  return v;
}

/** Replaces exactly one occurrence, so an ambiguous edit never lands in the wrong place. */
export function applyEdit(content: string, oldText: string, newText: string): string {
  if (oldText === '') throw new Error('old_text is empty');
  const first = content.indexOf(oldText);
  if (first < 0) throw new Error('old_text not found in the file');
  if (content.indexOf(oldText, first + 1) >= 0) throw new Error('old_text occurs more than once; include more context');
  return content.slice(0, first) + newText + content.slice(first + oldText.length);
}

export function sliceLines(content: string, offset?: number, limit?: number): string {
  const lines = content.split('\n');
  const start = Math.max(1, offset ?? 1);
  const end = Math.min(lines.length, start - 1 + (limit ?? 2000));
  const body = lines.slice(start - 1, end).join('\n');
  return end < lines.length ? `${body}\n[lines ${start}-${end} of ${lines.length}]` : body;
}

export async function runTool(shell: LabShell, name: string, input: Record<string, unknown>): Promise<ToolOutcome> {
  try {
    switch (name) {
      case 'read': {
        const content = await shell.readFile(str(input, 'path'));
        return { text: sliceLines(content, input.offset as number | undefined, input.limit as number | undefined), isError: false };
      }
      case 'write': {
        const content = str(input, 'content');
        await shell.writeFile(str(input, 'path'), content);
        return { text: `wrote ${Buffer.byteLength(content)} bytes to ${input.path}`, isError: false };
      }
      case 'edit': {
        const path = str(input, 'path');
        const updated = applyEdit(await shell.readFile(path), str(input, 'old_text'), str(input, 'new_text'));
        await shell.writeFile(path, updated);
        return { text: `edited ${path}`, isError: false };
      }
      case 'bash': {
        const timeout = Math.min(MAX_BASH_TIMEOUT_SEC, Math.max(1, Number(input.timeout ?? 120) || 120));
        const r = await shell.bash(str(input, 'command'), timeout);
        const parts = [r.stdout, r.stderr && `[stderr]\n${r.stderr}`].filter(Boolean).join('\n');
        const notes = [
          r.truncated ? '[output truncated]' : '',
          r.timedOut ? `[killed after ${timeout}s]` : '',
          `[exit code ${r.exitCode}]`,
        ].filter(Boolean);
        return { text: `${parts}\n${notes.join(' ')}`.trim(), isError: r.exitCode !== 0 };
      }
      default:
        return { text: `unknown tool "${name}"; the tools are read, write, edit and bash`, isError: true };
    }
  } catch (err) {
    return { text: (err as Error).message, isError: true };
  }
}
