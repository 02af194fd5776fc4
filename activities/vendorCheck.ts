import type Docker from 'dockerode';
import { execIn, WORKSPACE } from '../lab/labContainer';
import type { VendorCheck } from '../verify/vendorCopy';

// A changed vendor folder is what go builds from, so it must be what `go mod vendor` makes of
// the module's go.mod and the sources it names: regenerated offline beside it, in the
// container whose run is being judged, and compared file by file.
const SCRIPT = `set -u
out=$(mktemp -d)
if ! msg=$(cd "$1" && GOFLAGS= GOPROXY=off GOTOOLCHAIN=local GOWORK=off go mod vendor -o "$out/vendor" 2>&1); then echo "$msg" | tail -c 2000; exit 3; fi
diff -rq "$out/vendor" "$1/vendor" | sed "s#$out/vendor#(regenerated)#; s#$1/vendor#vendor#" | head -20
exit "\${PIPESTATUS[0]}"`;

export async function vendorCheck(container: Docker.Container, roots: string[]): Promise<VendorCheck[]> {
  const out: VendorCheck[] = [];
  for (const root of roots) {
    const dir = root ? `${WORKSPACE}/${root}` : WORKSPACE;
    const r = await execIn(container, ['bash', '-c', SCRIPT, 'loom-vendor', dir], { timeoutSec: 300, maxOutputBytes: 64 * 1024 });
    out.push({ root, outcome: r.exitCode === 0 ? 'same' : r.exitCode === 1 ? 'differs' : 'unmade', detail: `${r.stdout}${r.stderr}`.trim().slice(-2000) });
  }
  return out;
}
