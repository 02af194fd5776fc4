// Which analyser reads which file, and the scan of a change: every changed source file in
// its Lab version (and its base version, to know what the code already reached).
import type { CapabilityUse, FileCapabilities } from './capabilities';
import { jsCapabilities } from './capabilitiesJs';
import { goCapabilities } from './capabilitiesGo';
import { pythonCapabilities } from './capabilitiesPython';
import { isJsLike } from './jsImports';

/** Whether Loom can read a file's capabilities: JavaScript, TypeScript, Python and Go. */
export const analysable = (path: string): boolean => isJsLike(path) || /\.(?:py|pyw)$/.test(path) || (/\.go$/.test(path) && !/_test\.go$/.test(path));

export async function fileCapabilities(path: string, content: string): Promise<FileCapabilities> {
  if (isJsLike(path)) return jsCapabilities(path, content);
  if (/\.(?:py|pyw)$/.test(path)) return pythonCapabilities(path, content);
  if (/\.go$/.test(path)) return goCapabilities(path, content);
  return { uses: [] };
}

export interface ChangeCapabilities {
  base: CapabilityUse[];
  lab: CapabilityUse[];
  unreadable: Array<{ file: string; why: string }>;
}

/**
 * The capabilities of the changed source files, in both versions. A Lab file that cannot be
 * read is named; a base one only loses its history. A program's own arguments and exit are
 * its interface when nothing imports the program (`imported` says whether something does).
 */
export async function scanChange(files: Array<{ path: string; base?: string; lab: string }>, imported: (path: string) => Promise<boolean> = async () => true): Promise<ChangeCapabilities> {
  const out: ChangeCapabilities = { base: [], lab: [], unreadable: [] };
  for (const f of files) {
    if (!analysable(f.path)) continue;
    const lab = await fileCapabilities(f.path, f.lab);
    if (lab.unreadable) out.unreadable.push({ file: f.path, why: lab.unreadable });
    const program = lab.uses.some((u) => u.ofProgram) && !(await imported(f.path));
    // concat, not push(...): a generated file can hold more uses than a call takes arguments.
    out.lab = out.lab.concat(lab.uses.filter((u) => !(program && u.ofProgram)));
    if (f.base !== undefined) out.base = out.base.concat((await fileCapabilities(f.path, f.base)).uses);
  }
  return out;
}
