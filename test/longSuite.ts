// The long suite: integration files that take minutes each because of what they prove (every
// verification guarantee in three languages, every runner language, Loom on its own repository,
// workers, engines and servers killed mid-generation, changes of megabytes, containers killed). `npm test` leaves them out so it stays
// quick; `npm run test:long` runs them, and CI (.ci/run) runs both.
export const LONG_SUITE = [
  'test/integration/guarantees.test.ts',
  'test/integration/taskExamples.test.ts',
  'test/integration/specialPaths.test.ts',
  'test/integration/toolOutputs.test.ts',
  'test/integration/languages.test.ts',
  'test/integration/selfTarget.test.ts',
  'test/integration/crashMatrix.test.ts',
  'test/integration/verificationCrash.test.ts',
  'test/integration/loopRestart.test.ts',
  'test/integration/longSessions.test.ts',
  'test/integration/dockerRestart.test.ts',
  'test/integration/serverRestart.test.ts',
  'test/integration/largeContent.test.ts',
  'test/integration/infraFaults.test.ts',
  'test/integration/seams.test.ts',
  // Whole generations per case, many cases each: every JavaScript runner read per test, and
  // the attack and honest-control catalogues.
  'test/integration/jsRunners.test.ts',
  'test/integration/attacksOnTests.test.ts',
  'test/integration/attacksOnSurface.test.ts',
  'test/integration/honestControls.test.ts',
  // The CLI's reports, estimates and settings, each a process of its own (over a minute in all).
  'test/integration/cliReport.test.ts',
  // Counts with same-named tests, through node:test and its JUnit reporter (two generations).
  'test/integration/exactCounts.test.ts',
  // The host's registry settings in the setup step: three installs against a stand-in registry
  // and every snapshot layer searched for secrets.
  'test/integration/setupRegistries.test.ts',
];
