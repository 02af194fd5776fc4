import { describe, expect, it } from 'vitest';
import { goBuildConstrained } from '../../../activities/coverageRun';

describe("go's build constraints", () => {
  it('finds a //go:build line or a GOOS/GOARCH file name, and not a plain file such as a doc.go', () => {
    expect(goBuildConstrained('add_darwin.go', 'package calc\n')).toBe(true);
    expect(goBuildConstrained('sys/io_windows_amd64.go', 'package sys\n')).toBe(true);
    expect(goBuildConstrained('fast_arm64.go', 'package calc\n')).toBe(true);
    expect(goBuildConstrained('calc/extra.go', '//go:build purego\n\npackage calc\n')).toBe(true);
    expect(goBuildConstrained('doc.go', '// Package calc adds numbers.\npackage calc\n')).toBe(false);
    expect(goBuildConstrained('winner.go', 'package calc\n')).toBe(false);
  });
});
