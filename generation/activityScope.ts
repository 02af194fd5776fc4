// What every activity of a generation works within: the repository, the run's labels, where
// commits travel, and the image and folders its containers start from. The workflow builds it
// once from its input; resolveBase names the repository's top level and the setup step its
// image and paths; each Lab of best-of-K adds its number. Activities take it as `scope`
// beside what is their own, so none repeats these fields.
import type { ResolvedWorkSettings } from '../config/workSettings';

export interface ActivityScope {
  /** The target repository on the worker host: as given, then its top level once resolveBase has named it. */
  repoPath: string;
  /** Workflow-unique id: labels containers and temporary refs. */
  runId: string;
  generation: number;
  /** Best-of-K: the Lab (1..K) the activity works for; absent with one Lab and for the generation's own steps. */
  candidate?: number;
  /** When the Lab works apart: a git repository both kinds of worker reach, through which commits travel. */
  exchange?: string;
  /** The image containers start from: the setup step's snapshot, the repository's own, or (absent) the worker's. */
  labImage?: string;
  /** Folders of the target repository mounted read-only into the containers. */
  mounts: string[];
  /** What the setup step made in the workspace: kept between runs, never the Lab's to commit. */
  setupPaths: string[];
}

/** The scope a generation starts with, before resolveBase and the setup step have found anything. */
export function startingScope(input: { repoPath: string; generation: number; settings: Pick<ResolvedWorkSettings, 'exchange' | 'labImage' | 'mounts'> }, runId: string): ActivityScope {
  const { exchange, labImage, mounts } = input.settings;
  return { repoPath: input.repoPath, runId, generation: input.generation, exchange, labImage, mounts, setupPaths: [] };
}
