import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { LOOM_ROOT } from '../provision/state';

export const EXAMPLES_DIR = join(LOOM_ROOT, 'examples');

/** Makes a fresh git repository at `dest` from an example folder, on branch main with one commit. */
export async function createExampleRepo(example: string, dest: string): Promise<string> {
  const src = join(EXAMPLES_DIR, example);
  if (!existsSync(src)) throw new Error(`no example named ${example} in ${EXAMPLES_DIR}`);
  rmSync(dest, { recursive: true, force: true });
  cpSync(src, dest, { recursive: true });
  const g = simpleGit(dest);
  await g.raw(['init', '-q', '-b', 'main']);
  await g.addConfig('user.name', 'Loom Demo').addConfig('user.email', 'demo@loom.invalid');
  await g.add('.');
  await g.commit(`${example}: initial commit`);
  return dest;
}
