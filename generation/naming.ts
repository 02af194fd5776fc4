// The names a generation gives what it makes: its Lab branches, the refs commits travel by,
// the Lab's commit message and the task's title. Pure, for the workflow and the activities.

/** The first line of program.md with text, without its heading marks; undefined when there is none. */
function firstHeading(program: string): string | undefined {
  return program.split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find(Boolean);
}

/** The task's title: the first line of program.md, without its heading marks. */
export function programTitle(program: string): string {
  return firstHeading(program) ?? '(untitled)';
}

/** The message of the commit Loom makes of the Lab's work on its branch. */
export function commitMessage(generation: number, program: string): string {
  const title = firstHeading(program) ?? 'change';
  return `loom gen-${generation}: ${title.slice(0, 72)}\n\nLoom-Generation: ${generation}`;
}

/** Where a run's base, Lab commit or held-out tree waits in the exchange repository. */
export function exchangeRef(runId: string, what: 'base' | 'lab' | 'heldout', candidate?: number): string {
  return `refs/loom/exchange/${runId.replace(/[^A-Za-z0-9._-]/g, '_')}/${what}${candidate ? `-c${candidate}` : ''}`;
}

/** Where a run reads a commit from: the exchange when the Lab works apart, else the host's branch. */
export function commitRef(exchange: string | undefined, runId: string, what: 'base' | 'lab', hostBranch: string, candidate?: number): string {
  return exchange ? exchangeRef(runId, what, candidate) : `refs/heads/${hostBranch}`;
}

export function labBranchName(generation: number, candidate?: number): string {
  return `lab/gen-${generation}${candidate ? `-c${candidate}` : ''}`;
}
