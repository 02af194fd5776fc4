import { describe, expect, it } from 'vitest';
import { changedVendorRoots, vendorViolations } from '../../../verify/vendorCopy';

describe("a changed Go vendor folder", () => {
  it("has a changed vendor folder made again, and accepts it only when it is what go mod vendor makes", () => {
    const base = new Set(['go.mod', 'calc.go', 'tools/go.mod', 'vendor/modules.txt']);
    expect(changedVendorRoots(['vendor/modules.txt', 'vendor/example.com/x/x.go', 'tools/vendor/a/a.go', 'web/vendor/x.js', 'calc.go'], base, base)).toEqual(['', 'tools']);
    expect(vendorViolations(['', 'tools'], [{ root: '', outcome: 'same', detail: '' }, { root: 'tools', outcome: 'same', detail: '' }])).toEqual([]);
    expect(vendorViolations([''], [{ root: '', outcome: 'differs', detail: 'Files (regenerated)/example.com/x/x.go and vendor/example.com/x/x.go differ' }])[0]?.detail).toMatch(/^vendor\/ is not what `go mod vendor` makes of go.mod .*x\.go differ/);
    expect(vendorViolations(['tools'], [{ root: 'tools', outcome: 'unmade', detail: 'go: example.com/y@v1.0.0: module lookup disabled by GOPROXY=off' }])[0]?.detail).toMatch(/tools\/vendor\/ changed, and `go mod vendor` could not make it again offline .*GOPROXY=off.*go mod download/);
    // Not checked at all is never taken as the same.
    expect(vendorViolations([''], undefined)).toHaveLength(1);
  });
});
