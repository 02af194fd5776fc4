import type Anthropic from '@anthropic-ai/sdk';
import type Docker from 'dockerode';
import type { Role } from '../generation/recordTypes';
import type { RoleModel } from '../config/workSettings';

/** Everything the activities touch, passed in by the worker (or a test). */
export interface LoomDeps {
  docker: Docker;
  /** Tag of the lab image built by provisioning. */
  labImage: string;
  /** An SDK client for a role; API keys live here, on the worker, never in history. */
  anthropicFor(role: Role, model: RoleModel): Anthropic;
  /** Seconds the test command may run in the verification container, where the work does not say (the worker's LOOM_TEST_TIMEOUT_SEC or the table's default). */
  testTimeoutSec: number;
  /** Where bundles pass through on the host; the system temp folder by default. */
  tmpDir?: string;
  /**
   * The Temporal server and namespace this worker serves (address/namespace): written on
   * every container, so a reaper asks only its own server about them.
   */
  scope?: string;
  /** Where a Lab worker keeps its bare copies of exchange repositories. */
  mirrorsDir?: string;
  /**
   * The worker's environment and home folder, where the setup step finds the host's registry
   * settings and certificate authorities: process.env and the user's home unless given (tests give their own).
   */
  host?: { env: Record<string, string | undefined>; home: string };
  /** Crash tests only (LOOM_CRASH_WINDOW=activity:ms): pause after the activity's work. */
  crashWindow?: { activity: string; ms: number };
}
