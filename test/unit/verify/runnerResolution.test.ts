import { describe, expect, it } from 'vitest';
import { compareGoVersions, goDirectives, goResolutionViolations, pytestConfigFile, pytestConfigViolations, pytestImportRoots, pytestStartDir, pythonShadowViolations, runsPytest } from '../../../verify/runnerResolution';

const files = (m: Record<string, string>) => (p: string) => m[p];
const noDirs = () => false;

describe("pytest's configuration, found by pytest's own search", () => {
  it('takes the first folder upward with a configuration, and within it pytest.ini, .pytest.ini, pyproject, tox.ini, setup.cfg in that order', () => {
    expect(pytestConfigFile('', files({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-q"\n', 'tox.ini': '[pytest]\n' }))).toBe('pyproject.toml');
    expect(pytestConfigFile('', files({ '.pytest.ini': '', 'pyproject.toml': '[tool.pytest.ini_options]\n' }))).toBe('.pytest.ini');
    // A pyproject.toml without a pytest table, a tox.ini without [pytest]: not configuration.
    expect(pytestConfigFile('', files({ 'pyproject.toml': '[project]\nname = "x"\n', 'tox.ini': '[tox]\n', 'setup.cfg': '[tool:pytest]\n' }))).toBe('setup.cfg');
    expect(pytestConfigFile('tests/unit', files({ 'tests/pytest.ini': '[pytest]\n', 'pytest.ini': '[pytest]\n' }))).toBe('tests/pytest.ini');
    // Read as TOML: an escaped key is the table it means.
    expect(pytestConfigFile('', files({ 'pyproject.toml': '[tool."py\\u0074est".ini_options]\naddopts = "-p x"\n' }))).toBe('pyproject.toml');
    expect(pytestConfigFile('', files({}))).toBeUndefined();
  });

  it('starts from the common folder of the paths the command names', () => {
    const isDir = (p: string) => ['tests', 'tests/unit', 'tests/e2e'].includes(p);
    expect(pytestStartDir('python3 -m pytest -q', isDir)).toBe('');
    expect(pytestStartDir('pytest tests/unit tests/e2e -x', isDir)).toBe('tests');
    expect(pytestStartDir('pytest tests/unit/test_a.py::test_one', isDir)).toBe('tests/unit');
  });

  it('rejects a change after which pytest would read another file, and allows one that leaves the choice alone', () => {
    const base = files({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-q"\n' });
    const [v] = pytestConfigViolations('python3 -m pytest -q', base, files({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-q"\n', '.pytest.ini': '[pytest]\naddopts = -p evil\n' }), noDirs);
    expect(v?.detail).toMatch(/pytest would read its configuration from \.pytest\.ini instead of pyproject\.toml/);
    expect(pytestConfigViolations('python3 -m pytest -q', base, files({ 'pyproject.toml': '[tool.pytest.ini_options]\naddopts = "-q"\n', 'docs/pytest-notes.md': 'x' }), noDirs)).toEqual([]);
    // A base without configuration: a new tox.ini with only [tox] changes nothing.
    expect(pytestConfigViolations('pytest', files({}), files({ 'tox.ini': '[tox]\nenvlist = py311\n' }), noDirs)).toEqual([]);
    expect(pytestConfigViolations('npm test', files({}), files({ 'pytest.ini': '' }), noDirs)).toEqual([]);
    expect(runsPytest('python3 -m pytest -q')).toBe(true);
    expect(runsPytest('.venv/bin/pytest tests')).toBe(true);
    expect(runsPytest('go test ./...')).toBe(false);
  });
});

describe("Python's module path during a pytest run", () => {
  const importable = new Set(['pytest', '_pytest', 'pluggy', 'json', 'unittest', 'code']);

  it('finds the folders pytest puts first: the root, and the first non-package folder above each test file', () => {
    expect([...pytestImportRoots(['tests/test_a.py', 'pkg/__init__.py', 'pkg/tests/__init__.py', 'pkg/tests/test_b.py', 'src/x.py'])].sort()).toEqual(['', 'tests']);
  });

  it('rejects a module the change adds where it would be imported instead of an installed one, or a package metadata folder there', () => {
    const lab = ['calc.py', 'tests/test_calc.py', 'pytest.py', 'tests/json.py', 'pkg/__init__.py', 'pkg/code.py', 'fake-1.0.dist-info/entry_points.txt', 'fake-1.0.dist-info/METADATA'];
    const v = pythonShadowViolations(['pytest.py', 'tests/json.py', 'pkg/code.py', 'fake-1.0.dist-info/entry_points.txt', 'fake-1.0.dist-info/METADATA'], ['calc.py', 'tests/test_calc.py'], lab, importable);
    expect(v.map((x) => x.detail.split(' ')[0])).toEqual(['pytest.py', 'tests/json.py', 'fake-1.0.dist-info']);
    expect(v[0]!.detail).toMatch(/imported as `pytest` instead of the installed or standard module/);
  });

  it('leaves modules of other names, modules inside a package, and a shadow the base already had', () => {
    expect(pythonShadowViolations(['helpers.py', 'pkg/json.py'], ['pkg/__init__.py'], ['helpers.py', 'pkg/__init__.py', 'pkg/json.py'], importable)).toEqual([]);
    expect(pythonShadowViolations(['json/extra.py'], ['json/__init__.py'], ['json/__init__.py', 'json/extra.py'], importable)).toEqual([]);
  });
});

describe("go's module graph", () => {
  it('reads go.mod directives, blocks included, requirements left to the dependency rule', () => {
    expect(goDirectives('module example.com/calc\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/text v0.3.0\n)\nreplace (\n\texample.com/a => ../a // local\n)\n')).toEqual(['module example.com/calc', 'go 1.22', 'replace example.com/a => ../a']);
  });

  it('rejects a changed directive and a go.work, and allows a comment', () => {
    const base = 'module example.com/calc\n\ngo 1.22\n';
    const tree = new Set(['go.mod', 'calc.go']);
    expect(goResolutionViolations([{ path: 'go.mod', base, lab: `${base}// Calc is a small calculator.\n` }])).toEqual([]);
    expect(goResolutionViolations([{ path: 'go.mod', base, lab: `${base}replace example.com/calc => ./fake\n` }])[0]?.detail).toMatch(/adds `replace example.com\/calc => .\/fake`/);
    expect(goResolutionViolations([{ path: 'go.mod', base, lab: base.replace('go 1.22', 'go 1.22\ntoolchain go1.23.0\ngodebug panicnil=1') }])[0]?.detail).toMatch(/toolchain go1.23.0.*godebug panicnil=1/);
    expect(goResolutionViolations([{ path: 'go.work', lab: 'go 1.22\nuse ./fake\n' }])[0]?.detail).toMatch(/go.work added: a go.work puts go in workspace mode/);
  });

  it('allows the go line raised, and rejects it lowered or raised with anything else', () => {
    const base = 'module example.com/calc\n\ngo 1.22\n';
    expect(goResolutionViolations([{ path: 'go.mod', base, lab: base.replace('go 1.22', 'go 1.25') }])).toEqual([]);
    expect(goResolutionViolations([{ path: 'go.mod', base, lab: base.replace('go 1.22', 'go 1.22.4') }])).toEqual([]);
    expect(goResolutionViolations([{ path: 'go.mod', base, lab: base.replace('go 1.22', 'go 1.21') }])[0]?.detail).toMatch(/adds `go 1.21`, drops `go 1.22`/);
    expect(goResolutionViolations([{ path: 'go.mod', base, lab: base.replace('go 1.22', 'go 1.25\ntoolchain go1.25.0') }])[0]?.detail).toMatch(/^go.mod: adds `toolchain go1.25.0`:/);
    expect(compareGoVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(compareGoVersions('1.22', '1.22.0')).toBe(0);
  });
});

describe("pytest's configuration, for settings that change nothing a run does", () => {
  it('allows a pyproject.toml that starts holding only marker descriptions, and nothing more', () => {
    const markers = '[project]\nname = "calc"\n\n[tool.pytest.ini_options]\nmarkers = ["slow: takes a while"]\n';
    const lab = (text: string) => (p: string) => (p === 'pyproject.toml' ? text : undefined);
    const base = (p: string) => (p === 'pyproject.toml' ? '[project]\nname = "calc"\n' : undefined);
    expect(pytestConfigViolations('python3 -m pytest -q', base, lab(markers), () => false)).toEqual([]);
    expect(pytestConfigViolations('python3 -m pytest -q', base, lab(`${markers}addopts = "-p no:calc"\n`), () => false)).toHaveLength(1);
  });
});
