import { describe, expect, it } from 'vitest';
import { changedTomlSections, inspectChange, NOT_TOML, setupPathViolations } from '../../../verify/inspectChange';

describe('the guard around installed dependencies', () => {
  it('rejects a change inside what the setup step installed, and nothing else', () => {
    const made = ['node_modules/', '.venv/', 'tool.db'];
    expect(setupPathViolations(['node_modules/left-pad/index.js', '.venv', 'tool.db', 'src/a.js', 'node_modules_note.md'], made).map((v) => v.detail)).toEqual([
      "node_modules/left-pad/index.js is inside node_modules/, which the setup step installs: installed files are not the Lab's to change",
      ".venv is inside .venv/, which the setup step installs: installed files are not the Lab's to change",
      "tool.db is a file the setup step installs: installed files are not the Lab's to change",
    ]);
    expect(setupPathViolations(['node_modules/x.js'])).toEqual([]);
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

describe('pyproject.toml: settings that change nothing a run does', () => {
  it("a marker's description is not pytest's configuration changing; any other pytest key is", () => {
    const base = '[project]\nname = "calc"\n';
    const check = (lab: string) => inspectChange({ diff: '', changes: [{ path: 'pyproject.toml', status: 'M' }] as never, packageJsons: {}, pyprojects: { 'pyproject.toml': { base, lab } }, baseScripts: {}, testCommand: 'python3 -m pytest -q', constraints: [], reportedTestFiles: [], commitMessages: [] } as never).filter((v) => v.rule === 'protected');
    expect(check(`${base}\n[tool.pytest.ini_options]\nmarkers = ["slow: takes a while"]\n`)).toEqual([]);
    expect(check(`${base}\n[tool.pytest.ini_options]\naddopts = "-p no:calc"\n`).map((v) => v.detail)).toEqual(['pyproject.toml [tool.pytest.ini_options.addopts] changed (pytest configuration)']);
  });
});
