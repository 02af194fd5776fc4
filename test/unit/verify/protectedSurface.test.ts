import { describe, expect, it } from 'vitest';
import { commandFiles, editorSettingsViolations, protectedPath, protectedViolations } from '../../../verify/protectedSurface';

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
});

describe('the files a test command runs', () => {
  it('are the programs it starts and the files its options load, not files a tool is given to read', () => {
    expect([...commandFiles('bash scripts/test.sh && node --require ./test/setup.cjs scripts/run.js --fast')].sort()).toEqual(['scripts/run.js', 'scripts/test.sh', 'test/setup.cjs']);
    expect([...commandFiles('./ci/check && npx vitest --config=vitest.unit.config.ts && make check')].sort()).toEqual(['GNUmakefile', 'Makefile', 'ci/check', 'makefile', 'vitest.unit.config.ts']);
    // A linter's or formatter's arguments are read, not run.
    expect([...commandFiles('biome check index.js src test && eslint lib/index.js && prettier --check README.md')]).toEqual([]);
    expect([...commandFiles('python -m pytest -c pytest.ini tests')]).toEqual(['pytest.ini']);
  });

  it('an honest new export in a package whose lint script names index.js is not protected (simple-statistics)', () => {
    const scripts = { test: 'npm run lint && node --test test/*.test.js', lint: 'biome check index.js src test' };
    const check = (testCommand: string) => protectedViolations({ changedPaths: ['index.js', 'src/moving_average.js'], packageJsons: {}, testCommand, baseScripts: scripts });
    expect(check('node --test test/*.test.js')).toEqual([]);
    expect(check('npm test')).toEqual([]);
    // A file the test script really runs stays protected.
    expect(protectedViolations({ changedPaths: ['scripts/test.sh'], packageJsons: {}, testCommand: 'npm test', baseScripts: { test: 'npm run lint && bash scripts/test.sh', lint: 'eslint .' } }).map((v) => v.detail)).toEqual(['scripts/test.sh is run by the test command `npm test`']);
    // What `npm test` runs is what CI and people call green, whatever command Loom runs.
    expect(protectedViolations({ changedPaths: ['scripts/test.sh'], packageJsons: {}, testCommand: 'npx mocha', baseScripts: { test: 'bash scripts/test.sh' } })).toHaveLength(1);
  });
});

describe('.npmrc: quiet settings are not the runner', () => {
  const check = (base: string | undefined, lab: string) => protectedViolations({ changedPaths: ['.npmrc'], packageJsons: {}, testCommand: 'npm test', baseScripts: { test: 'node --test' }, npmrcs: { '.npmrc': { base, lab } } });
  it('allows a change of what npm prints or records, and protects every other key', () => {
    expect(check(undefined, 'fund=false\naudit = false\n; quiet installs\n')).toEqual([]);
    expect(check('fund=false\n', 'fund=false\nsave-exact=true\n')).toEqual([]);
    // Refusing an install on a Node version the package does not support runs nothing.
    expect(check(undefined, 'engine-strict=true\nsave-exact=true\n')).toEqual([]);
    expect(check(undefined, 'fund=false\nscript-shell=./scripts/sh\n')).toHaveLength(1);
    expect(check('fund=false\n', 'fund=false\nnode-options=--require=./x.cjs\n')[0]?.detail).toMatch(/\.npmrc decides how the package manager runs scripts/);
    expect(protectedViolations({ changedPaths: ['.npmrc'], packageJsons: {}, testCommand: 'npm test', baseScripts: {} })).toHaveLength(1);
  });
});
