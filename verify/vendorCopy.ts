// A vendor folder is what go builds a module's dependencies from, so a change to one must be
// what `go mod vendor` makes of the module's go.mod and the sources it names: the folder is
// made again, offline, where the change is judged (activities/vendorCheck.ts), and any
// difference, or a folder that cannot be made, rejects the change. Pure.
import type { ResolutionViolation } from './runnerResolution';

const join = (dir: string, name: string): string => (dir ? `${dir}/${name}` : name);

/** The module folders (holding a go.mod in either tree) whose vendor folder the change touched: go builds their dependencies from it. */
export function changedVendorRoots(changedPaths: string[], baseTree: ReadonlySet<string>, labTree: ReadonlySet<string>): string[] {
  const roots = new Set<string>();
  for (const p of changedPaths) {
    const v = /^(?:(.*)\/)?vendor\//.exec(p);
    const root = v ? (v[1] ?? '') : undefined;
    if (root !== undefined && (baseTree.has(join(root, 'go.mod')) || labTree.has(join(root, 'go.mod')))) roots.add(root);
  }
  return [...roots].sort();
}

/** A changed vendor folder regenerated beside the judged run: the same files, others, or not made at all (offline). */
export interface VendorCheck {
  root: string;
  outcome: 'same' | 'differs' | 'unmade';
  /** diff's list of differing files, or go's error. */
  detail: string;
}

/** A vendor folder go builds from must be what `go mod vendor` makes of go.mod and the sources it names. */
export function vendorViolations(roots: string[], checks: VendorCheck[] | undefined): ResolutionViolation[] {
  return roots.flatMap((root): ResolutionViolation[] => {
    const c = checks?.find((x) => x.root === root);
    const where = join(root, 'vendor/');
    if (c?.outcome === 'same') return [];
    if (c?.outcome === 'differs') return [{ rule: 'runner-resolution', detail: `${where} is not what \`go mod vendor\` makes of ${join(root, 'go.mod')} and the sources it names (${c.detail.split('\n').slice(0, 3).join('; ')}): go would build the tests from other code than the module's; run \`go mod vendor\` after the last edit` }];
    return [{ rule: 'runner-resolution', detail: `${where} changed, and \`go mod vendor\` could not make it again offline to check it${c?.detail ? ` (${c.detail.split('\n').filter(Boolean).slice(-2).join('; ')})` : ''}: go builds the tests from it; put the modules it needs in the setup snapshot (\`go mod download\` in --setup)` }];
  });
}
