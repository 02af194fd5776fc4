// What a program.md declares of behaviour change: whether the task keeps every function's
// answers, and which base tests it may change, as rules a test result is matched against.
// Pure and free of node: imports so that workflow code can use it.
import type { ProgramSpec } from './programSpec';

/**
 * Whether program.md declares that behaviour does not change: a refactor that names no test
 * that may change. Naming one declares a change, so the functions are not held to the base's answers.
 */
export function behaviourUnchanged(spec: Pick<ProgramSpec, 'risk' | 'testsThatMayChange'> | undefined): boolean {
  return spec?.risk === 'refactor' && !spec.testsThatMayChange?.length;
}

/** A declared test change as a rule: every test of a file (or glob), one test by full name, or `file > full name`. */
export function testChangeRules(bullets: string[] | undefined): Array<{ file?: string; name?: string }> {
  const looksLikePath = (s: string) => /^[\w.*?@+/-]+$/.test(s) && (s.includes('/') || /\.[A-Za-z0-9]+$/.test(s) || /[*?]/.test(s));
  return (bullets ?? []).map((raw) => {
    const b = raw.trim().replace(/^`|`$/g, '').trim();
    // pytest's node id (tests/test_x.py::TestY::test_z) and `file: name`, as people write them.
    const nodeId = /^([^\s:]+\.[A-Za-z0-9]+)::(.+)$/.exec(b);
    if (nodeId && looksLikePath(nodeId[1]!)) return { file: nodeId[1]!, name: nodeId[2]!.split('::').join(' > ') };
    const colon = /^([^\s:]+\.[A-Za-z0-9]+):\s+(.+)$/.exec(b);
    if (colon && looksLikePath(colon[1]!)) return { file: colon[1]!, name: colon[2]!.replace(/^`|`$/g, '').trim() };
    const sep = b.indexOf(' > ');
    if (sep > 0 && looksLikePath(b.slice(0, sep).replace(/`/g, ''))) return { file: b.slice(0, sep).replace(/`/g, ''), name: b.slice(sep + 3).replace(/^`|`$/g, '').trim() };
    if (looksLikePath(b)) return { file: b.replace(/\/+$/, '') };
    return { name: b };
  });
}
