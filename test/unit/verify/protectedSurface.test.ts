import { describe, expect, it } from 'vitest';
import { manifestViolations, packageDependencyViolations } from '../../../verify/dependencies';
import { parseDiff } from '../../../verify/diffParse';
import { hygieneViolations, linkLeavesRepo } from '../../../verify/diffHygiene';
import { heldOutIsLabTree, heldOutPlan } from '../../../verify/heldOut';
import { changedTomlSections, NOT_TOML } from '../../../verify/inspectChange';
import { editorSettingsViolations, protectedPath, protectedViolations } from '../../../verify/protectedSurface';
import { isEvaluationPath, isTestFile } from '../../../verify/testPaths';
import { trivialAssertions } from '../../../verify/testHeuristics';

const entry = (sha: string, mode = '100644') => ({ mode, type: 'blob', sha });

describe('the evaluation side of a repository', () => {
  it('knows test files by the conventions runners use, and fixtures, helpers and configs beside them', () => {
    for (const p of ['test/a.js', 'src/a.test.ts', 'src/a.spec.js', 'pkg/__tests__/x.js', 'lib/a_test.go', 'tests/test_a.py', 'src/a-test.js', 'test.js', 'conftest.py']) expect(isTestFile(p), p).toBe(true);
    for (const p of ['src/a.js', 'src/testing.js', 'latest.js', 'src/contest.py']) expect(isTestFile(p), p).toBe(false);
    expect(isEvaluationPath('src/__fixtures__/a.json')).toBe(true);
    expect(isEvaluationPath('vitest.config.ts')).toBe(true);
    expect(isEvaluationPath('checks/a.check.js', new Set(['checks/a.check.js']))).toBe(true);
    expect(isEvaluationPath('src/a.js')).toBe(false);
  });

  it("the held-out plan puts back the base's evaluation paths and drops the Lab's new ones", () => {
    const base = new Map([['src/a.js', entry('1')], ['test/a.test.js', entry('2')], ['test/helpers.js', entry('3')], ['.npmrc', entry('9')]]);
    const lab = new Map([['src/a.js', entry('4')], ['test/a.test.js', entry('5')], ['test/new.test.js', entry('6')], ['src/b.test.js', entry('7')], ['.npmrc', entry('8')]]);
    const plan = heldOutPlan(base, lab);
    expect([...plan.restore.keys()].sort()).toEqual(['.npmrc', 'test/a.test.js', 'test/helpers.js']);
    expect(plan.remove).toEqual(['src/b.test.js', 'test/new.test.js']);
    expect(plan.restore.get('src/a.js')).toBeUndefined(); // the Lab's source stays
    expect(heldOutIsLabTree(heldOutPlan(base, new Map([...base, ['src/a.js', entry('4')]])))).toBe(true);
  });
});

describe('the protected surface', () => {
  it('names why each protected path is protected', () => {
    expect(protectedPath('node_modules/.bin/node')).toMatch(/under node_modules/);
    expect(protectedPath('packages/a/node_modules/x/index.js')).toMatch(/under node_modules/);
    expect(protectedPath('.yarnrc.yml')).toMatch(/package manager/);
    expect(protectedPath('.github/workflows/ci.yml')).toMatch(/CI definition/);
    expect(protectedPath('jest.config.js')).toMatch(/test-runner configuration/);
    expect(protectedPath('src/node_modules_helper.js')).toBeUndefined();
  });

  it("protects what a developer's tools run by themselves, and leaves their plain settings alone", () => {
    for (const p of ['.vscode/tasks.json', 'web/.vscode/launch.json', 'calc.code-workspace', '.idea/runConfigurations/Start.xml', '.run/dev.run.xml', '.devcontainer/devcontainer.json', '.devcontainer.json', '.gitpod.yml', '.envrc', 'tools/.envrc', 'mise.toml', '.mise.local.toml', '.config/mise/config.toml', '.huskyrc.json', 'lint-staged.config.mjs', 'commitlint.config.js', 'lefthook.json', 'sitecustomize.py', '.lfsconfig']) {
      expect(protectedPath(p), p).toMatch(/would run on a developer's machine without anyone running the tests$/);
    }
    for (const p of ['.vscode/settings.json', '.vscode/extensions.json', '.editorconfig', 'docs/devcontainer.md', 'src/tasks.json', 'CONTRIBUTING.md', '.env.example', 'models/weights.pth']) expect(protectedPath(p), p).toBeUndefined();
    expect(protectedPath('.gitea/workflows/ci.yml')).toMatch(/CI definition/);
    expect(protectedPath('bitbucket-pipelines.yml')).toMatch(/CI definition/);
  });

  it('reads a path as a case-insensitive checkout would, and protects what installing or building runs', () => {
    expect(protectedPath('.VSCode/tasks.json')).toMatch(/editor task/);
    expect(protectedPath('.DevContainer/devcontainer.json')).toMatch(/dev-container/);
    for (const p of ['binding.gyp', 'setup.py', 'hatch_build.py', 'build.rs']) expect(protectedPath(p), p).toMatch(/runs when the package is installed or built/);
    expect(protectedPath('src/setup_helpers.py')).toBeUndefined();
  });

  it('editor settings are plain unless a changed setting names something the editor runs', () => {
    const files = (lab: string, base = '{ "editor.formatOnSave": true }') => ({ '.vscode/settings.json': { base, lab } });
    expect(editorSettingsViolations(files('{\n  // comments and a trailing comma are fine\n  "editor.formatOnSave": true,\n  "files.exclude": { "coverage": true },\n  "editor.rulers": [100],\n}'))).toEqual([]);
    const bad = (lab: string) => editorSettingsViolations(files(lab)).map((v) => v.detail.split(' names ')[0]);
    expect(bad('{ "python.defaultInterpreterPath": "./tools/py" }')).toEqual(['.vscode/settings.json "python.defaultInterpreterPath"']);
    expect(bad('{ "go.alternateTools": { "go": "${workspaceFolder}/bin/go" } }')).toEqual(['.vscode/settings.json "go.alternateTools"']);
    expect(bad('{ "terminal.integrated.env.linux": { "PATH": "x" } }')).toEqual(['.vscode/settings.json "terminal.integrated.env.linux"']);
    expect(bad('{ "typescript.tsdk": "node_modules/typescript/lib" }')).toEqual(['.vscode/settings.json "typescript.tsdk"']);
    expect(bad('{ "[python]": { "editor.formatOnSave": true, "python.analysis.extraPaths": ["./src"] } }')).toEqual(['.vscode/settings.json "[python]"']);
    // A setting the base already had, unchanged, is not the change's.
    expect(editorSettingsViolations(files('{ "python.defaultInterpreterPath": "./py", "editor.tabSize": 2 }', '{ "python.defaultInterpreterPath": "./py" }'))).toEqual([]);
  });

  it("a hook manager's package.json key is protected like its file", () => {
    const v = protectedViolations({
      changedPaths: ['package.json'],
      packageJsons: { 'package.json': { base: '{"name":"calc"}', lab: '{"name":"calc","simple-git-hooks":{"pre-commit":"curl x | sh"},"lint-staged":{"*.js":"node evil.js"}}' } },
      testCommand: 'npm test',
      baseScripts: {},
    }).map((x) => x.detail);
    expect(v).toEqual([
      `package.json "simple-git-hooks" changed (a git hook manager's commands, which run on commit or push)`,
      `package.json "lint-staged" changed (a git hook manager's commands, which run on commit or push)`,
    ]);
  });

  it('a changed or lifecycle script, a runner key, and a file the test command runs; a new script of its own name and a test file the command names are not protected', () => {
    const v = protectedViolations({
      changedPaths: ['package.json', 'scripts/test.sh', 'src/a.test.js'],
      packageJsons: { 'package.json': { base: '{"scripts":{"test":"bash scripts/test.sh"},"jest":{}}', lab: '{"scripts":{"test":"bash scripts/test.sh","lint":"x","postinstall":"y"},"jest":{"bail":1}}' } },
      testCommand: 'npm test -- src/a.test.js',
      baseScripts: { test: 'bash scripts/test.sh' },
    }).map((x) => x.detail);
    expect(v).toEqual([
      'scripts/test.sh is run by the test command `npm test -- src/a.test.js`',
      'package.json scripts["postinstall"] changed from null to "y" (scripts decide what npm runs, lifecycle scripts included)',
      'package.json "jest" changed (it configures how tests run)',
    ]);
  });

  it('new dependencies in package.json and in other ecosystems', () => {
    expect(packageDependencyViolations({ 'package.json': { base: '{"devDependencies":{"a":"1"}}', lab: '{"devDependencies":{"a":"2","b":"1"}}' } })[0]!.detail).toBe('package.json devDependencies: a 1 -> 2, b@1');
    const diff = 'diff --git a/go.mod b/go.mod\n--- a/go.mod\n+++ b/go.mod\n@@ -1,1 +1,2 @@\n module x\n+require github.com/pkg/errors v0.9.1\n';
    expect(manifestViolations(parseDiff(diff))).toEqual([{ rule: 'new-dependency', detail: 'go.mod: github.com/pkg/errors' }]);
  });
});

describe('diff hygiene', () => {
  it('knows a link that leaves the repository', () => {
    expect(linkLeavesRepo('a/b/link', '../../x')).toBe(false);
    expect(linkLeavesRepo('a/b/link', '../../../x')).toBe(true);
    expect(linkLeavesRepo('link', '/etc/passwd')).toBe(true);
  });

  it('rejects what no rule or reviewer could read, and allows declared binaries', () => {
    const d = (c: Parameters<typeof hygieneViolations>[0][number], allowed: string[] = []) => hygieneViolations([c], allowed).map((v) => v.detail);
    expect(d({ path: 'src/a.js', status: 'M', oldMode: '100644', newMode: '100644', labNulAt: 9001 })[0]).toMatch(/a text file turned binary \(NUL byte at offset 9001\)/);
    expect(d({ path: 'img/a.png', status: 'A', newMode: '100644', labNulAt: 3 }, ['img/**'])).toEqual([]);
    expect(d({ path: 'lib', status: 'A', newMode: '160000' })[0]).toMatch(/submodule link/);
    expect(d({ path: 'test/run', status: 'M', oldMode: '100644', newMode: '100755' })[0]).toMatch(/made executable in a test path/);
    expect(d({ path: 'bin/cli', status: 'A', newMode: '100755' })).toEqual([]); // an executable outside the tests is ordinary
  });
});

describe('assertions that cannot fail (a backstop to mutation testing)', () => {
  it('flags literal-only assertions added to test files, and nothing in source', () => {
    const diff = (path: string, line: string) => `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1,1 +1,2 @@\n x\n+${line}\n`;
    expect(trivialAssertions(parseDiff(diff('test/a.test.js', 'assert.equal(1, 1);')))).toHaveLength(1);
    expect(trivialAssertions(parseDiff(diff('test/a.test.js', 'expect(true).toBe(true);')))).toHaveLength(1);
    expect(trivialAssertions(parseDiff(diff('test/a.test.js', 'assert.equal(add(1, 1), 2);')))).toEqual([]);
    expect(trivialAssertions(parseDiff(diff('src/a.js', 'assert.equal(1, 1);')))).toEqual([]);
  });
});

describe('pyproject.toml: the build and the test run', () => {
  it('names each changed key by its full dotted path, however the file writes it', () => {
    const base = '[project]\nname = "calc"\nversion = "1.0"\n\n[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n[tool.pytest.ini_options]\naddopts = "-q"\n';
    expect(changedTomlSections(base, base.replace('version = "1.0"', 'version = "1.1"\ndescription = "A calculator"'))).toEqual(['project.version', 'project.description']);
    expect(changedTomlSections(base, base.replace('requires = ["setuptools"]', 'requires = [\n  "setuptools",\n  "evil-hook",\n]'))).toEqual(['build-system.requires']);
    expect(changedTomlSections(base, `tool.hatch.build.hooks.custom.path = "hooks.py"\n${base}`)).toEqual(['tool.hatch.build.hooks.custom.path']);
    expect(changedTomlSections(base, `${base}\n[tool]\nhatch = { build = { hooks = { custom = {} } } }\n`)).toEqual(['tool.hatch.build.hooks.custom']);
    // Read as TOML: a key spelled with an escape or quotes is the key it means.
    expect(changedTomlSections(base, base.replace('[tool.pytest.ini_options]', '[tool."py\\u0074est".ini_options]').replace('"-q"', '"-q -p evil"'))).toEqual(['tool.pytest.ini_options.addopts']);
    expect(changedTomlSections(base, base.replace('[tool.pytest.ini_options]', "[ tool . 'pytest' . ini_options ]"))).toEqual([]);
    expect(changedTomlSections(base, `${base}\n[tool.pytest.ini_options]\n`)).toEqual([NOT_TOML]);
  });
});

describe('.npmrc: quiet settings are not the runner', () => {
  const check = (base: string | undefined, lab: string) => protectedViolations({ changedPaths: ['.npmrc'], packageJsons: {}, testCommand: 'npm test', baseScripts: { test: 'node --test' }, npmrcs: { '.npmrc': { base, lab } } });
  it('allows a change of what npm prints or records, and protects every other key', () => {
    expect(check(undefined, 'fund=false\naudit = false\n; quiet installs\n')).toEqual([]);
    expect(check('fund=false\n', 'fund=false\nsave-exact=true\n')).toEqual([]);
    expect(check(undefined, 'fund=false\nscript-shell=./scripts/sh\n')).toHaveLength(1);
    expect(check('fund=false\n', 'fund=false\nnode-options=--require=./x.cjs\n')[0]?.detail).toMatch(/\.npmrc decides how the package manager runs scripts/);
    expect(protectedViolations({ changedPaths: ['.npmrc'], packageJsons: {}, testCommand: 'npm test', baseScripts: {} })).toHaveLength(1);
  });
});
