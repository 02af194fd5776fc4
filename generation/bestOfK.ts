// Best-of-K: the Labs a generation runs, and which of them is promoted. Pure and workflow-safe.
import { MAX_LABS, type ResolvedWorkSettings, type RoleModel } from '../config/workSettings';
import { STAGES, type CandidateRecord, type Outcome, type Stage } from './recordTypes';

/** The Lab model of each candidate: K copies of models.lab, or the list given. */
export function labCandidates(settings: Pick<ResolvedWorkSettings, 'labs' | 'labModels' | 'models'>): RoleModel[] {
  if (settings.labModels?.length) return settings.labModels;
  return Array.from({ length: settings.labs }, () => settings.models.lab);
}

/** Why these settings ask for more Labs than run at once, or undefined: checked before any workflow starts on them. */
export function tooManyLabs(settings: Pick<ResolvedWorkSettings, 'labs' | 'labModels' | 'models'>): string | undefined {
  const k = labCandidates(settings).length;
  return k > MAX_LABS ? `best-of-K asks for ${k} Labs; at most ${MAX_LABS} run at once` : undefined;
}

const REACHED: Stage[] = STAGES.filter((s) => s !== 'baseline' && s !== 'resolveBase' && s !== 'setup');

const fitnessOf = (c: CandidateRecord) => c.fitness?.score ?? 0;

/** Approved Labs, best first: fitness, then tests passing, then cheaper, then earlier. */
export function rankApproved(candidates: CandidateRecord[]): CandidateRecord[] {
  return candidates
    .filter((c) => c.outcome.kind === 'approved')
    .sort((a, b) => fitnessOf(b) - fitnessOf(a) || (b.tests?.passed ?? 0) - (a.tests?.passed ?? 0) || a.costUsd - b.costUsd || a.candidate - b.candidate);
}

function reach(c: CandidateRecord): number {
  if (c.outcome.kind === 'approved') return REACHED.length * 2;
  // At the same stage, a rejection (the gate answered) is further than a failure.
  return REACHED.indexOf(c.outcome.stage) * 2 + (c.outcome.kind === 'rejected' ? 1 : 0);
}

export interface Choice {
  chosen: CandidateRecord;
  /** Set when no Lab was approved: the generation's outcome. */
  outcome?: Outcome;
}

/** The Lab to promote; or, when none passed every gate, the one that came closest and why all fell short. */
export function chooseCandidate(candidates: CandidateRecord[]): Choice {
  if (!candidates.length) throw new Error('best-of-K needs at least one candidate');
  const best = rankApproved(candidates)[0];
  if (best) return { chosen: best };
  const chosen = [...candidates].sort((a, b) => reach(b) - reach(a) || a.candidate - b.candidate)[0]!;
  const o = chosen.outcome as Exclude<CandidateRecord['outcome'], { kind: 'approved' }>;
  const why = candidates
    .map((c) => (c.outcome.kind === 'approved' ? '' : `Lab ${c.candidate} ${c.outcome.kind} at ${c.outcome.stage}: ${c.outcome.reason.split('\n')[0]!.slice(0, 200)}`))
    .join('; ');
  return { chosen, outcome: { kind: o.kind, stage: o.stage, reason: `none of the ${candidates.length} Labs was approved: ${why}` } };
}
