import { readFileSync } from 'node:fs';
import { parseProgram } from './parseProgram';
import { formatProblems } from './programSpec';

/** A program.md from disk, checked: throws naming the file, the problem and the fix. */
export function readProgramFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the program ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): pass --program the path of a program.md`);
  }
  const { problems } = parseProgram(text);
  if (problems.length) throw new Error(`the program ${path} is not a valid program.md (see docs/program-md.md):\n${formatProblems(problems)}`);
  return text;
}
