// The held-out tree: the Lab's tree with every evaluation path (tests, fixtures, helpers,
// runner configuration, package-manager settings) put back as the base had it, and every
// one the Lab added taken away. Run there, the base's own tests judge the Lab's source,
// and nothing the Lab wrote can judge itself. Pure.
import { protectedPath } from './protectedSurface';
import { isEvaluationPath } from './testPaths';

/** One file of a commit's tree, as `git ls-tree` lists it. */
export interface TreeEntry {
  mode: string;
  type: string;
  sha: string;
}

export interface HeldOutPlan {
  /** Paths set back to the base's entry. */
  restore: Map<string, TreeEntry>;
  /** Evaluation paths only the Lab has. */
  remove: string[];
}

/**
 * `measured`: files the base's tests read that belong to the tests whatever their names
 * (evaluationSurface.ts); they are put back like any other evaluation path.
 */
export function heldOutPlan(base: Map<string, TreeEntry>, lab: Map<string, TreeEntry>, reportedTestFiles: ReadonlySet<string> = new Set(), measured: ReadonlySet<string> = new Set()): HeldOutPlan {
  const restore = new Map<string, TreeEntry>();
  const remove: string[] = [];
  for (const path of new Set([...base.keys(), ...lab.keys()])) {
    if (!isEvaluationPath(path, reportedTestFiles) && protectedPath(path) === undefined && !measured.has(path)) continue;
    const b = base.get(path);
    const l = lab.get(path);
    if (b && (!l || l.sha !== b.sha || l.mode !== b.mode)) restore.set(path, b);
    else if (!b && l) remove.push(path);
  }
  return { restore, remove: remove.sort() };
}

/** Whether the held-out tree is the Lab's own: the Lab changed no evaluation path. */
export const heldOutIsLabTree = (plan: HeldOutPlan): boolean => plan.restore.size === 0 && plan.remove.length === 0;
