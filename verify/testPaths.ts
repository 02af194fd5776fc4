// Which paths of a repository belong to the evaluation (tests, their helpers, fixtures
// and configuration) and which to the code under test. The held-out run takes every
// evaluation path from the base; the Lab's tree supplies only the rest. Pure.

const basename = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
const dirsOf = (p: string): string[] => p.split('/').slice(0, -1);

/** Folders whose contents are tests or test support, wherever they sit. */
const TEST_DIRS = new Set(['test', 'tests', '__tests__', 'spec', 'specs']);
const SUPPORT_DIRS = new Set(['fixtures', '__fixtures__', '__snapshots__', '__mocks__', 'testdata', 'test-data', 'test_data', 'testutils', 'test-utils', 'test_utils', 'test-helpers', 'test_helpers']);

/**
 * Test files by the conventions runners use: node:test's default patterns (*.test.js,
 * *-test.js, *_test.js, test-*.js, test.js, anything under test/), jest's and vitest's
 * (*.spec.*, __tests__/), pytest's (test_*.py, *_test.py, conftest.py), Go's (*_test.go).
 */
export function isTestFile(path: string): boolean {
  if (dirsOf(path).some((d) => TEST_DIRS.has(d))) return true;
  const name = basename(path);
  return (
    /\.(?:test|spec)\.[^/]+$/.test(name) ||
    /[-_](?:test|spec)\.[^/.]+$/.test(name) ||
    /^test[-_].+\.[^/.]+$/.test(name) ||
    /^test\.(?:c|m)?[jt]sx?$/.test(name) ||
    name === 'conftest.py'
  );
}

/** Fixtures, snapshots, mocks and test helpers: what tests read besides themselves. */
export function isTestSupport(path: string): boolean {
  return dirsOf(path).some((d) => SUPPORT_DIRS.has(d));
}

const TEST_CONFIG_NAMES: RegExp[] = [
  /^(?:vitest|vite|jest|ava|playwright|cypress|karma|wdio|nightwatch)(?:\.[\w-]+)*\.config\.\w+$/, // vitest.config.ts, vitest.unit.config.ts
  /^vitest\.(?:workspace|projects)\.\w+$/,
  /^jest\.(?:setup|preset)\.\w+$/,
  /^\.mocharc(?:\.\w+)?$/,
  /^karma\.conf\.\w+$/,
  /^(?:pytest\.ini|tox\.ini|setup\.cfg|noxfile\.py|\.taprc|\.c8rc(?:\.\w+)?|\.nycrc(?:\.\w+)?|\.coveragerc)$/,
  /^(?:\.babelrc(?:\.\w+)?|babel\.config\.\w+)$/, // jest compiles tests through babel
];

/** A known test-runner configuration file (pyproject.toml is config only in its pytest lines). */
export function isTestConfigFile(path: string): boolean {
  const name = basename(path);
  return TEST_CONFIG_NAMES.some((r) => r.test(name));
}

/** CI definitions and git hook managers: changing them changes what "green" means, or runs on a developer's machine. */
export function isCiFile(path: string): boolean {
  return (
    path.startsWith('.github/workflows/') ||
    path.startsWith('.github/actions/') ||
    path.startsWith('.ci/') ||
    path.startsWith('.circleci/') ||
    path.startsWith('.buildkite/') ||
    path === '.gitlab-ci.yml' ||
    path === '.travis.yml' ||
    path === 'azure-pipelines.yml' ||
    path === 'Jenkinsfile' ||
    /^\.(?:gitea|forgejo)\/(?:workflows|actions)\//.test(path) ||
    /^(?:bitbucket-pipelines\.yml|\.drone\.ya?ml|\.woodpecker\.ya?ml|appveyor\.ya?ml|\.appveyor\.ya?ml|\.cirrus\.ya?ml|cloudbuild\.ya?ml|codefresh\.ya?ml|\.gitlab\/.*\.ya?ml)$/.test(path) ||
    /^\.(?:woodpecker|semaphore|buildkite|tekton)\//.test(path) ||
    path.startsWith('.githooks/') ||
    path.startsWith('.husky/') ||
    path === '.pre-commit-config.yaml' ||
    /^\.?lefthook(?:-local)?\.ya?ml$/.test(path) ||
    path === '.simple-git-hooks.json' ||
    path === '.simple-git-hooks.js'
  );
}

/**
 * The evaluation side: test files, test support and test configuration, plus any file the
 * base's own test report named (a runner may find tests where no convention says so).
 */
export function isEvaluationPath(path: string, reportedTestFiles: ReadonlySet<string> = new Set()): boolean {
  return reportedTestFiles.has(path) || isTestFile(path) || isTestSupport(path) || isTestConfigFile(path);
}
