import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { parseConfigFile } from '../../../config/configFile';

/**
 * A maker of repositories holding a given loom.config.json, in a folder removed after the
 * calling test file. A function, not module state: unit files share one module graph.
 */
export function configRepos(): (config?: unknown) => string {
  const root = mkdtempSync(join(tmpdir(), 'loom-config-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  return (config) => {
    const dir = mkdtempSync(join(root, `repo-${n++}-`));
    if (config !== undefined) writeFileSync(join(dir, 'loom.config.json'), typeof config === 'string' ? config : JSON.stringify(config, null, 2));
    return dir;
  };
}

/** What parseConfigFile says is wrong with `text`; a text with nothing wrong fails the test. */
export function problemsOf(text: string): string {
  try {
    parseConfigFile(text, '/r/loom.config.json');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('no problem found');
}
