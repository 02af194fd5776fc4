import { describe, expect, it } from 'vitest';
import { goModulePath } from '../../../runners/go';
import { hooksNotInForce } from '../../../runners/pytest';
import { BASE_SHA } from '../../../runners/runner';
import { planRunner } from '../../../runners/planRunner';
import { commandFor, directCommand } from '../../../runners/runCommand';
import { segments } from '../../../runners/shellWords';

const plan = (command: string, scripts: Record<string, string> = {}) => {
  const r = planRunner(command, scripts);
  if ('refused' in r) throw new Error(r.refused);
  return r.plan;
};
const refused = (command: string, scripts: Record<string, string> = {}) => {
  const r = planRunner(command, scripts);
  return 'refused' in r ? r.refused : `planned ${r.plan.runner}`;
};

describe('test runner detection', () => {
  it('splits a shell command into its commands, quotes kept whole', () => {
    expect(segments(`tsc --noEmit && FOO='a b' vitest run "x y"; echo done | cat`)).toEqual([['tsc', '--noEmit'], ['FOO=a b', 'vitest', 'run', 'x y'], ['echo', 'done'], ['cat']]);
  });

  it('node:test anywhere in the script: a reporter through NODE_OPTIONS, for npm too', () => {
    const p = plan('npm test', { test: 'node --test' });
    expect(p).toMatchObject({ runner: 'node', via: 'package.json scripts["test"]: node --test', args: '' });
    expect(p.env.NODE_OPTIONS).toContain('--test-reporter=/loom/node-reporter.mjs');
    expect(p.env.npm_config_node_options).toBe(p.env.NODE_OPTIONS);
    expect(plan('npm run check', { check: 'tsc && c8 --reporter=lcov node --test test/' }).runner).toBe('node');
    expect(plan('node --test test/').runner).toBe('node');
  });

  it('vitest, jest and mocha: reporter flags reach the runner through each npm level', () => {
    expect(commandFor('npm test', plan('npm test', { test: 'vitest run' }), '/tmp/r').command).toBe('npm test -- --reporter=default --reporter=json --outputFile.json=/tmp/r/vitest.json');
    expect(commandFor('npm test', plan('npm test', { test: 'npm run unit', unit: 'jest --ci' }), '/tmp/r').command).toBe('npm test -- -- --json --outputFile=/tmp/r/jest.json');
    expect(commandFor('npx mocha', plan('npx mocha'), '/tmp/r').command).toBe('npx mocha --reporter=json --reporter-option=output=/tmp/r/mocha.json');
    expect(plan('npm run test:unit', { 'test:unit': 'tsc --noEmit && vitest run --config vitest.unit.config.ts' }).runner).toBe('vitest');
  });

  it("a package manager's exec runs its next word as the command, and an option's value is not a script name", () => {
    expect(plan('pnpm exec vitest run').runner).toBe('vitest');
    expect(plan('npm exec -- jest --ci').runner).toBe('jest');
    expect(plan('yarn dlx mocha').runner).toBe('mocha');
    expect(commandFor('pnpm exec vitest run', plan('pnpm exec vitest run'), '/tmp/r').command).toBe('pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=/tmp/r/vitest.json');
    // A monorepo's pretest hook builds its packages with a filter whose value looks like a script.
    const scripts = { pretest: 'pnpm --filter "@clack/*" run build', test: 'pnpm --filter @clack/core exec vitest run', build: 'tsc' };
    expect(plan('pnpm test', scripts).runner).toBe('vitest');
    expect(plan('pnpm -C packages/core test', { test: 'vitest run' }).runner).toBe('vitest');
    // pnpm's -w is a flag (the workspace root), npm's takes a workspace.
    expect(plan('pnpm -w test', { test: 'vitest run' }).runner).toBe('vitest');
    expect(plan('npm -w packages/a test', { test: 'vitest run' }).runner).toBe('vitest');
  });

  it('runs a runner alone when it is the first command but not the last, so its report flags reach it', () => {
    const mocha = plan('npm test', { test: "mocha 'test/**/*-test.js' && eslint src test" });
    expect(mocha.alone).toBe(`PATH="$PWD/node_modules/.bin:$PATH" mocha 'test/**/*-test.js'`);
    expect(mocha.via).toMatch(/run alone, without the commands after mocha$/);
    const run = commandFor('npm test', mocha, '/r');
    expect(run.command).toMatch(/^PATH="\$PWD\/node_modules\/\.bin:\$PATH" mocha 'test\/\*\*\/\*-test\.js' --reporter=json /);
    expect(run.command).not.toMatch(/ -- |eslint|npm test/);
    // A direct run of chosen files is unchanged by it.
    expect(directCommand(mocha, ['test/a-test.js'], '/r')!.command).toMatch(/mocha --reporter=json .* test\/a-test\.js$/);
    const go = plan('go test ./... && go vet ./...');
    expect(commandFor('go test ./... && go vet ./...', go, '/r').command).toMatch(/^PATH=.* go test \.\/\.\.\. .*-json/);
    // Last already: the test command runs as it is.
    expect(plan('npm test', { test: 'eslint . && mocha' }).alone).toBeUndefined();
  });

  it('refuses what it cannot read, naming the runner and the way out', () => {
    expect(refused('npm test', { test: 'jasmine' })).toMatch(/runs jasmine .*cannot read yet\. Loom reads per-test results from node:test, vitest, jest, mocha, ava, tap, uvu, pytest, unittest, go test and cargo test.*JUnit XML.*"report": "junit".*"report": "exit-code"/);
    expect(refused('npx tape test/*.js')).toMatch(/runs tape/);
    expect(refused('npx jasmine')).toMatch(/runs jasmine/);
    expect(refused('bash scripts/test.sh')).toMatch(/found no test runner it knows/);
    // Something before the runner (a build) would be skipped if it ran alone.
    expect(refused('npm test', { test: 'tsc && vitest run && eslint .' })).toMatch(/vitest is not the last command/);
    expect(refused('npm test', { pretest: 'tsc', test: 'vitest run && eslint .' })).toMatch(/vitest is not the last command/);
    expect(refused('npm test', { test: 'node --test --test-reporter=dot' })).toMatch(/sets its own --test-reporter/);
    expect(refused('npm test', { test: 'vitest run && node --test' })).toMatch(/several test runners/);
    expect(refused('npm run nope', { test: 'node --test' })).toBe('`npm run nope` runs a script package.json does not have (script "nope"; its scripts: test): pass an existing one with --test-command, or testCommand in loom.config.json');
  });

  it('pytest writes JUnit XML with file names, go test its -json stream, each one process', () => {
    const py = plan('python3 -m pytest -q');
    expect([py.runner, py.runs, commandFor('python3 -m pytest -q', py, '/tmp/r').command]).toEqual(['pytest', 1, 'python3 -m pytest -q --junitxml=/tmp/r/pytest.xml -o junit_family=xunit1 -o cache_dir=/tmp/r-pytest-cache -p loom_lab_hooks']);
    expect(plan('pytest tests/').runner).toBe('pytest');
    expect(commandFor('npm test', plan('npm test', { test: 'py.test' }), '/tmp/r').command).toBe('npm test -- --junitxml=/tmp/r/pytest.xml -o junit_family=xunit1 -o cache_dir=/tmp/r-pytest-cache -p loom_lab_hooks');
    const go = plan('go test ./...');
    expect([go.runner, go.runs, commandFor('go test ./...', go, '/tmp/r').command]).toEqual(['go', 1, 'go test ./... -json > /tmp/r/go.jsonl']);
    expect(refused('go vet ./... && go test ./... && staticcheck ./...')).toMatch(/go is not the last command.*such as `go test \.\/\.\.\.`/);
    expect(goModulePath('// x\nmodule example.com/shapes\n\ngo 1.22\n')).toBe('example.com/shapes');
    expect(goModulePath(undefined)).toBeUndefined();
    expect(directCommand(py, ['tests/test_a.py'], '/tmp/r')?.command).toBe('PATH="$PWD/node_modules/.bin:$PATH" python3 -m pytest -q --junitxml=/tmp/r/pytest.xml -o junit_family=xunit1 -o cache_dir=/tmp/r-pytest-cache -p loom_lab_hooks tests/test_a.py');
  });

  it("pytest loads Loom's guard on the change's hooks from PYTHONPATH, with the base commit to tell them by, except where the command would hide it", () => {
    const py = plan('python3 -m pytest -q');
    expect(py.env).toMatchObject({ PYTHONPATH: '/loom/py', LOOM_BASE_SHA: BASE_SHA });
    // A command that sets PYTHONPATH itself would fail to load the guard: it runs without.
    for (const cmd of ['PYTHONPATH=src python3 -m pytest', 'env PYTHONPATH=src pytest -q', 'export PYTHONPATH=src && pytest']) {
      const p = plan(cmd);
      expect([cmd, p.args.includes('loom_lab_hooks'), p.env.PYTHONPATH]).toEqual([cmd, false, undefined]);
    }
    expect(hooksNotInForce("x\nloom: the change's hook pytest_pyfunc_call (tests/conftest.py:13) is not in force: the base's hooks judge every test\nloom: the change's hook pytest_runtest_makereport (code built from a string) is not in force: x\n")).toEqual(['pytest_pyfunc_call (tests/conftest.py:13)', 'pytest_runtest_makereport (code built from a string)']);
  });

  it('cargo test writes its output and libtest\'s into one report file, every test binary run, never quietly', () => {
    const cargo = plan('cargo test');
    expect([cargo.runner, cargo.runs, commandFor('cargo test', cargo, '/tmp/r').command, cargo.env.CARGO_NET_OFFLINE]).toEqual(['cargo', 1, 'cargo test --no-fail-fast > /tmp/r/cargo.txt 2>&1', 'true']);
    // Flags for the test binaries already there: --no-fail-fast cannot follow them.
    expect(commandFor('cargo test -- --test-threads=1', plan('cargo test -- --test-threads=1'), '/tmp/r').command).toBe('cargo test -- --test-threads=1 > /tmp/r/cargo.txt 2>&1');
    expect(refused('cargo test -q')).toMatch(/runs cargo test quietly .*drop -q/);
    expect(refused('cargo build')).toMatch(/found no test runner it knows/);
  });

  it("uvu loads Loom's recorder through NODE_OPTIONS, in npm's way too, and runs as one process", () => {
    const uvu = plan('npm test', { test: 'uvu tests' });
    expect([uvu.runner, uvu.runs, uvu.args, uvu.direct]).toEqual(['uvu', 1, '', undefined]);
    expect(uvu.env).toEqual({ NODE_OPTIONS: '--import=file:///loom/uvu-recorder.mjs', npm_config_node_options: '--import=file:///loom/uvu-recorder.mjs', LOOM_REPORT_DIR: '{LOOM_REPORT_DIR}' });
    expect(plan('npx uvu -r tsm tests').runner).toBe('uvu');
    expect(refused('npm test', { test: 'uvu tests && node --test' })).toMatch(/several test runners \(uvu, node\)/);
  });

  it('ava and tap write TAP into the report folder from their main process, each one process', () => {
    const ava = plan('npm test', { test: 'ava' });
    expect([ava.runner, ava.runs, commandFor('npm test', ava, '/tmp/r').command]).toEqual(['ava', 1, 'npm test -- --tap --no-worker-threads > /tmp/r/ava.tap']);
    const tap = plan('npm test', { test: 'tap --disable-coverage' });
    expect([tap.runner, tap.runs, commandFor('npm test', tap, '/tmp/r').command]).toEqual(['tap', 1, 'npm test -- --reporter=tap --reporter-file=/tmp/r/tap.tap']);
    expect(plan('npx tap run test/').runner).toBe('tap');
    expect(refused('npm test', { test: 'cd src && ava && eslint .' })).toMatch(/ava is not the last command.*such as `npx ava`/);
    // Run alone on chosen files: ava's report names the files it was given, since its titles name none for one file.
    expect(directCommand(plan('npm test', { test: 'ava --timeout 30s -m "add*" test/' }), ['test/a.test.js'], '/tmp/r')?.command).toBe(
      `printf '%s\\n' test/a.test.js > /tmp/r/ava-files.txt && PATH="$PWD/node_modules/.bin:$PATH" ava --timeout 30s -m 'add*' --tap --no-worker-threads > /tmp/r/ava.tap test/a.test.js`,
    );
    expect(directCommand(plan('npm test', { test: 'tap run --disable-coverage -t 60 test/*.js' }), ['test/a.test.js', 'test/b.test.js'], '/tmp/r')?.command).toBe(
      'PATH="$PWD/node_modules/.bin:$PATH" tap run --disable-coverage -t 60 --reporter=tap --reporter-file=/tmp/r/tap.tap test/a.test.js test/b.test.js',
    );
  });

  it('JUnit and exit-code modes take the command as it is', () => {
    const junit = planRunner('pytest --junitxml=$LOOM_REPORT_DIR/j.xml', {}, 'junit');
    expect('plan' in junit && commandFor('pytest', junit.plan, '/tmp/r').env).toEqual({ LOOM_REPORT_DIR: '/tmp/r' });
    const exit = planRunner('make check', {}, 'exit-code');
    expect('plan' in exit && exit.plan.how).toMatch(/go unseen/);
  });

  it('calls the runner alone on chosen files for mutation runs, skipping the build steps around it', () => {
    const d = (command: string, scripts: Record<string, string>, files: string[]) => directCommand(plan(command, scripts), files, '/tmp/r')?.command;
    expect(d('npm run test:unit', { 'test:unit': 'tsc --noEmit && vitest run --config vitest.unit.config.ts --configLoader runner' }, ['test/unit/a.test.ts'])).toBe(
      'PATH="$PWD/node_modules/.bin:$PATH" vitest run --config vitest.unit.config.ts --configLoader runner --reporter=default --reporter=json --outputFile.json=/tmp/r/vitest.json test/unit/a.test.ts',
    );
    expect(d('npm test', { test: 'NODE_ENV=test node --test --test-timeout 5000 test/' }, ['test/a.test.js', 'test/b c.test.js'])).toBe('PATH="$PWD/node_modules/.bin:$PATH" NODE_ENV=test node --test --test-timeout 5000 test/a.test.js \'test/b c.test.js\'');
    expect(d('npx mocha --spec test/**/*.js -r ./setup.js', {}, ['test/x.js'])).toBe('PATH="$PWD/node_modules/.bin:$PATH" npx mocha -r ./setup.js --reporter=json --reporter-option=output=/tmp/r/mocha.json test/x.js');
    // A script that changes folder first cannot be cut short.
    expect(d('npm test', { test: 'cd packages/core && jest' }, ['a.test.js'])).toBeUndefined();
  });
});
