import { existsSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { PermanentError } from '../generation/errors';

/**
 * Read-only mounts of repo folders (installed dependencies) at the same place in the
 * container's workspace. Only existing folders inside the repo qualify.
 */
export function dependencyMounts(repoPath: string, mounts: string[] = []): Array<{ hostPath: string; containerPath: string }> {
  return mounts.map((m) => {
    const rel = posix.normalize(m.replace(/\\/g, '/')).replace(/\/$/, '');
    if (rel.startsWith('..') || posix.isAbsolute(rel) || rel === '.' || rel === '.git' || rel.startsWith('.git/')) {
      throw new PermanentError(`mount ${m} must be a folder inside the repository, like node_modules`);
    }
    const hostPath = join(repoPath, rel);
    if (!existsSync(hostPath) || !statSync(hostPath).isDirectory()) {
      throw new PermanentError(`mount ${m} does not exist in ${repoPath}: install the dependencies there first (e.g. npm ci), or drop the mount`);
    }
    // A link (the folder itself, or a folder on the way to it) could point the mount at any
    // host path, and a promoted change could have planted it: mounts follow no links.
    const real = realpathSync(hostPath);
    const root = realpathSync(repoPath);
    if (lstatSync(hostPath).isSymbolicLink() || real !== join(root, rel)) {
      throw new PermanentError(`mount ${m} in ${repoPath} is a symlink (to ${real}); Loom mounts only real folders inside the repository: install the dependencies into the folder itself (npm ci), or drop the mount`);
    }
    return { hostPath: real, containerPath: `/workspace/${rel}` };
  });
}
