import { describe, expect, it } from 'vitest';
import { parseCargoOutput } from '../../../runners/cargo';

const brief = (r: { cases: Array<{ file: string; name: string; status: string }> }) => r.cases.map((c) => `${c.file} > ${c.name}: ${c.status}`);

describe('cargo test', () => {
  // As cargo 1.65 and its libtest print it, --no-fail-fast, stderr and stdout in one file.
  const RUN = `   Compiling rustcalc v0.1.0 (/workspace)
    Finished test [unoptimized + debuginfo] target(s) in 0.44s
     Running unittests src/lib.rs (target/debug/deps/rustcalc-42e7d12a2566cf78)

running 2 tests
test tests::later ... ignored
test tests::broken ... FAILED

failures:

---- tests::broken stdout ----
thread 'tests::broken' panicked at 'assertion failed: \`(left == right)\`
  left: \`5\`,
 right: \`6\`', src/lib.rs:30:9
note: run with \`RUST_BACKTRACE=1\` environment variable to display a backtrace


failures:
    tests::broken

test result: FAILED. 0 passed; 1 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.00s

error: test failed, to rerun pass \`--lib\`
     Running tests/calc.rs (target/debug/deps/calc-3402f3f3c8458a08)

running 2 tests
test test_add ... ok
test test_subtract ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

   Doc-tests rustcalc

running 2 tests
test src/lib.rs - double (line 19) ... ok
test src/lib.rs - double (line 15) ... ok

test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.19s

error: 1 target failed:
    \`--lib\`
`;

  it("names each test by its target's source file, doc-tests by item in file order without line numbers, with the failure", () => {
    const r = parseCargoOutput(RUN);
    expect(r.problems).toEqual([]);
    expect(r.runnerTotal).toBe(6);
    expect(brief(r)).toEqual(['src/lib.rs > tests::later: skipped', 'src/lib.rs > tests::broken: failed', 'tests/calc.rs > test_add: passed', 'tests/calc.rs > test_subtract: passed', 'src/lib.rs > doc: double #2: passed', 'src/lib.rs > doc: double: passed']);
    expect(r.cases.find((c) => c.name === 'tests::broken')!.message).toMatch(/^thread 'tests::broken' panicked at 'assertion failed: `\(left == right\)`\n {2}left: `5`/);
    // The same doc-tests after code above them moved: the same names.
    expect(brief(parseCargoOutput(RUN.replace('(line 19)', '(line 29)').replace('(line 15)', '(line 25)')))).toEqual(brief(r));
  });

  it('refuses test lines libtest did not count, a second result, and a binary that stopped before its result', () => {
    const forged = RUN.replace('test test_add ... ok\n', 'test test_add ... ok\ntest test_extra ... ok\n');
    expect(parseCargoOutput(forged).problems[0]).toMatch(/tests\/calc\.rs: the output records 3 passed, 0 failed, 0 ignored of 3, but libtest announced 2 and counted 2, 0, 0: something other than libtest wrote test lines/);
    const twice = RUN.replace('test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s', 'test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s\ntest result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s');
    expect(parseCargoOutput(twice).problems[0]).toMatch(/reported its result twice/);
    const exited = '     Running tests/calc.rs (target/debug/deps/calc-1)\n\nrunning 2 tests\ntest test_add ... ok\n';
    expect(parseCargoOutput(exited).problems[0]).toMatch(/tests\/calc\.rs: the test binary stopped before libtest reported its result/);
  });

  it('a crate that does not build names the compiler errors', () => {
    const r = parseCargoOutput('   Compiling rustcalc v0.1.0 (/workspace)\nerror[E0308]: mismatched types\n --> src/lib.rs:5:5\nerror: could not compile `rustcalc` due to previous error\n');
    expect(r.problems).toEqual(['cargo test ran no test binary: error[E0308]: mismatched types; error: could not compile `rustcalc` due to previous error']);
  });
});
