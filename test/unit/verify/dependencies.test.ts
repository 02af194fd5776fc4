import { describe, expect, it } from 'vitest';
import { isDependencyInput, lockfileViolations, manifestViolations, packageDependencyViolations } from '../../../verify/dependencies';
import { parseDiff } from '../../../verify/diffParse';

describe('the setup snapshot key', () => {
  it('knows the dependency files of each ecosystem, and not installed copies', () => {
    for (const p of ['yarn.lock', 'pnpm-lock.yaml', 'a/pyproject.toml', 'requirements/base.txt', 'go.mod', 'Cargo.lock', '.npmrc', 'uv.lock', 'pom.xml', 'core/pom.xml', '.mvn/extensions.xml', '.mvn/maven.config', '.mvn/wrapper/maven-wrapper.properties']) expect(isDependencyInput(p), p).toBe(true);
    for (const p of ['README.md', 'node_modules/a/package.json', '.venv/lib/pyproject.toml', 'src/requirements.js', 'src/main/resources/extensions.xml', 'target/classes/pom.xml']) expect(isDependencyInput(p), p).toBe(false);
  });
});

describe('the guard around installed dependencies', () => {
  const diffOf = (path: string, lines: string) => `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1,4 +1,4 @@\n${lines}`;

  it('rejects a lockfile that would install something the tests never ran with, in every format', () => {
    const forms = [
      diffOf('package-lock.json', '     "node_modules/left-pad": {\n-      "version": "1.3.0",\n+      "version": "1.3.1",\n'),
      diffOf('yarn.lock', ' left-pad@^1.3.0:\n-  version "1.3.0"\n+  version "1.3.1"\n'),
      diffOf('go.sum', ' golang.org/x/text v0.3.0 h1:abc=\n+github.com/evil/mod v1.0.0 h1:def=\n'),
      diffOf('sub/pnpm-lock.yaml', ' packages:\n+  /evil@1.0.0:\n+    resolution: {integrity: sha512-x}\n'),
    ];
    for (const d of forms) {
      const v = lockfileViolations(parseDiff(d));
      expect(v, d).toHaveLength(1);
      expect(v[0]!.detail).toMatch(/never tested/);
    }
  });

  it("allows a lockfile that only drops entries, and other files' changes", () => {
    // Removing the last entry of a JSON object reshapes the one before it: brackets and commas only.
    expect(lockfileViolations(parseDiff(diffOf('package-lock.json', '     "a": {\n-    },\n-    "node_modules/b": { "version": "1.0.0" }\n+    }\n')))).toEqual([]);
    expect(lockfileViolations(parseDiff(diffOf('src/lock.json', '+{"version": 2}\n')))).toEqual([]);
  });
});

describe('the protected surface', () => {
  it('new dependencies in package.json and in other ecosystems', () => {
    expect(packageDependencyViolations({ 'package.json': { base: '{"devDependencies":{"a":"1"}}', lab: '{"devDependencies":{"a":"2","b":"1"}}' } })[0]!.detail).toBe('package.json devDependencies: a 1 -> 2, b@1');
    const diff = 'diff --git a/go.mod b/go.mod\n--- a/go.mod\n+++ b/go.mod\n@@ -1,1 +1,2 @@\n module x\n+require github.com/pkg/errors v0.9.1\n';
    expect(manifestViolations(parseDiff(diff))).toEqual([{ rule: 'new-dependency', detail: 'go.mod: github.com/pkg/errors' }]);
  });
});
