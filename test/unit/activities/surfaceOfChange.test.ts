import { describe, expect, it } from 'vitest';
import { pythonModulesDeclared, spelledPathSegments } from '../../../activities/surfaceOfChange';

describe('what a pyproject.toml installs or runs', () => {
  it('names setuptools modules and packages, poetry and hatch packages, the project and the modules its scripts run', () => {
    const toml = '[project]\nname = "my-calc"\n[project.scripts]\ncalc = "cli:main"\n[project.entry-points."pytest11"]\nx = "calc_plugin.hooks"\n[tool.setuptools]\npy-modules = ["stats"]\npackages = ["pkg.sub"]\n[tool.poetry]\npackages = [{ include = "src/poetry_pkg" }]\n';
    expect([...pythonModulesDeclared(toml)].sort()).toEqual(['calc_plugin', 'cli', 'my_calc', 'pkg', 'poetry_pkg', 'stats']);
    expect([...pythonModulesDeclared('not toml [')]).toEqual([]);
  });
});

describe('the file names code spells', () => {
  it('reads them from strings and go:embed lines, segment by segment', () => {
    const code = "const t = JSON.parse(readFileSync(new URL('../data/units.json', import.meta.url)));\nopen(\"tables/vat.csv\")\n//go:embed testvectors/*.json\nconst s = `a b`;\n";
    expect(spelledPathSegments(code)).toEqual(['..', 'data', 'units.json', 'tables', 'vat.csv', 'testvectors', '*.json', 'a', 'b']);
  });
});
