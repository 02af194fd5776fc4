// What Loom's containers are called and labelled: the generation, run, role and Temporal
// scope they belong to, so cleanup and the reaper find exactly their own.

export type ContainerRole = 'lab' | 'verify' | 'baseline' | 'heldout' | 'perturbed' | 'perturbed-lab' | 'mutation' | 'setup';

/** Docker names allow [a-zA-Z0-9_.-]; workflow ids are freer. */
export function containerName(runId: string, role: ContainerRole, candidate?: number): string {
  // Cut the id, never the role, so a generation's containers can't share a name.
  return `loom-${runId.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 180)}-${role}${candidate ? `-c${candidate}` : ''}`;
}

export const LABEL_RUN = 'loom.run';
export const LABEL_GENERATION = 'loom.generation';
export const LABEL_ROLE = 'loom.role';
export const LABEL_REPO = 'loom.repo';

export const LABEL_SCOPE = 'loom.temporal';

export function labels(runId: string, generation: number, role: ContainerRole, repo: string, scope?: string): Record<string, string> {
  return { [LABEL_RUN]: runId, [LABEL_GENERATION]: String(generation), [LABEL_ROLE]: role, [LABEL_REPO]: repo, ...(scope ? { [LABEL_SCOPE]: scope } : {}) };
}
