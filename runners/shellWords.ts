// A test command as the shell and package managers see it: split into commands and words,
// past variable assignments and wrappers (npx, cross-env, c8, `pnpm exec`), and the script a
// package manager runs. Runners are found in these words; nothing here knows a runner.

/** A shell command split at unquoted `&&`, `||`, `;`, `|` and `&`, each part as words. */
export function segments(command: string): string[][] {
  const out: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endSegment = () => {
    endWord();
    if (words.length) out.push(words);
    words = [];
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) word += command[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) endWord();
    else if (c === ';' || c === '|' || c === '&') {
      endSegment();
      if ((c === '|' || c === '&') && command[i + 1] === c) i++;
    } else {
      word += c;
      inWord = true;
    }
  }
  endSegment();
  return out;
}

/** Wrappers that run the next word as the command: npx vitest, cross-env X=1 jest, c8 node --test. */
export const WRAPPERS = new Set(['npx', 'cross-env', 'env', 'c8', 'nyc', 'time', 'exec', 'dotenv', 'nice']);
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/** A command word without its folder: /usr/bin/python3 is python3. */
export const base = (w: string): string => w.slice(w.lastIndexOf('/') + 1);

/** A variable assignment before a command: FOO=1 jest. */
export const isAssignment = (w: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w);

/** A package manager's options that take the next word as their value (`pnpm --filter @scope/* run build`). */
const PM_VALUE_OPTIONS: Record<string, Set<string>> = {
  npm: new Set(['--prefix', '-w', '--workspace', '--loglevel', '--userconfig', '--cache']),
  pnpm: new Set(['--filter', '-F', '--dir', '-C', '--filter-prod', '--test-pattern', '--changed-files-ignore-pattern', '--reporter', '--loglevel', '--workspace-concurrency']),
  yarn: new Set(['--cwd', '--cache-folder', '--modules-folder', '--mutex']),
  bun: new Set(['--cwd', '--filter', '-F', '--config', '-c']),
};

/** A package manager's words past its options: its verb first. */
function pmWords(words: string[]): string[] {
  const takesValue = PM_VALUE_OPTIONS[base(words[0] ?? '')] ?? new Set<string>();
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--' || !w.startsWith('-')) out.push(w);
    else if (takesValue.has(w)) i++;
  }
  return out;
}

/** The command word of a segment, past variable assignments and wrappers (`pnpm exec` and `npm exec` among them). */
export function commandWords(words: string[]): string[] {
  let i = 0;
  for (;;) {
    while (i < words.length && isAssignment(words[i]!)) i++;
    const w = words[i];
    if (w !== undefined && PACKAGE_MANAGERS.has(base(w))) {
      // pnpm exec vitest, npm exec -- jest, yarn dlx mocha: the package manager runs the next word as a command.
      const verb = pmWords(words.slice(i))[0];
      if (verb !== 'exec' && verb !== 'dlx' && verb !== 'x') return words.slice(i);
      i = words.indexOf(verb, i + 1) + 1;
      while (i < words.length && words[i]!.startsWith('-')) i++;
      continue;
    }
    if (w === undefined || !WRAPPERS.has(base(w))) return words.slice(i);
    i++;
    // Wrapper options (c8 --reporter=lcov, npx --yes, npx -p x): words starting with '-'.
    while (i < words.length && words[i]!.startsWith('-')) i++;
  }
}

/** The script a package-manager invocation runs, if it runs one. */
export function scriptInvoked(words: string[]): string | undefined {
  const pm = base(words[0] ?? '');
  if (!PACKAGE_MANAGERS.has(pm)) return undefined;
  const rest = pmWords(words);
  const verb = rest[0];
  if (verb === 'test' || verb === 't' || verb === 'tst') return 'test';
  if (verb === 'run' || verb === 'run-script') return rest[1];
  if (pm !== 'npm' && verb && !['install', 'add', 'exec', 'dlx', 'x', 'ci', 'i'].includes(verb)) return verb;
  return undefined;
}

/** A word as the shell reads it back: bare when safe, else single-quoted. */
export const quoteWord = (w: string): string => (/^[\w./:=@%+,-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** `python -m pytest`, `python3.11 -m unittest`: the module a Python interpreter runs, if it runs one. */
export function pythonModule(words: string[]): string | undefined {
  return /^python[\d.]*$/.test(base(words[0] ?? '')) && words[1] === '-m' && words[2] ? words[2] : undefined;
}
