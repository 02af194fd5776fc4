import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { GO_CACHE_SEED, GO_PREPARE } from '../../runners/go';
import { ready } from './harness';
import { describeIntegration } from './suite';

const inImage = (script: string) =>
  execFileSync('docker', ['run', '--rm', '--network', 'none', ready().labImage, 'bash', '-c', script], { encoding: 'utf8', timeout: 120_000 });

// A run's Go cache is the image's seed, used in place: what one run adds to it is gone before
// the next, and no run can change or remove what the seed holds, so a run cannot leave a
// forged build behind for the next (a mutant's, the held-out run's).
describeIntegration("the Go build cache between runs in one container", () => {
  it("keeps the seed's entries, drops what a run added, and still compiles only the run's own packages", () => {
    const out = inImage(`set -u
${GO_PREPARE}
S=${GO_CACHE_SEED}
entry=$(find $S -mindepth 2 -type f -name '*-d' | head -1)
before=$(sha256sum "$entry" | cut -c1-64)
{ echo forged > "$entry"; } 2>/dev/null && echo CHANGED-SEED
rm -f "$entry" 2>/dev/null; [ -e "$entry" ] || echo REMOVED-SEED
mv "$entry" "$entry.x" 2>/dev/null && echo MOVED-SEED
echo planted > $S/00/00aa-a && echo PLANTED
ls -l "$HOME/.cache/go-build" | grep -q -- "-> $S" && echo IN-PLACE
# The next run: its home emptied, as before every run.
find "$HOME" -mindepth 1 -maxdepth 1 -exec rm -rf {} +
${GO_PREPARE}
[ -e $S/00/00aa-a ] && echo STILL-PLANTED
[ "$(sha256sum "$entry" | cut -c1-64)" = "$before" ] && echo SEED-INTACT
mkdir -p /tmp/m && cd /tmp/m && printf 'module m\\n\\ngo 1.21\\n' > go.mod && printf 'package m\\nimport "testing"\\nfunc TestA(t *testing.T) {}\\n' > a_test.go
go test -x ./... 2>&1 | grep -c '/compile ' || true
go test ./... | head -1`);
    expect(out).toContain('PLANTED');
    expect(out).toContain('IN-PLACE');
    expect(out).toContain('SEED-INTACT');
    expect(out).not.toMatch(/CHANGED-SEED|REMOVED-SEED|MOVED-SEED|STILL-PLANTED/);
    // testing, fmt and the rest come from the seed: go compiles the test package and its main only.
    const [compiles, result] = out.trim().split('\n').slice(-2);
    expect(Number(compiles)).toBeLessThanOrEqual(2);
    expect(result).toMatch(/^ok\s+m\b/);
  });
});
