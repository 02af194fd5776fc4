// A Lab session's trajectory, kept on the host as it happens: one JSON line per turn, in
// the repository's git folder, never in workflow history. A crashed attempt resumes from
// it: the heartbeat names the file, the turns it held and the hash of those bytes, so it
// stays a few hundred bytes however long the session.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyTurn, startConversation, type Conversation, type TurnEntry } from './conversation';

/** The first line of a transcript: whose session it is. */
export interface TranscriptHeader {
  session: { generation: number; candidate?: number; model: string; runId: string; startedAt: string };
}

/** Where a transcript is, and how much of it a checkpoint vouches for. */
export interface TranscriptCheckpoint {
  path: string;
  turns: number;
  bytes: number;
  sha256: string;
}

export function transcriptPath(gitDir: string, generation: number, candidate?: number): string {
  return join(gitDir, 'loom', 'transcripts', `gen-${generation}${candidate ? `-c${candidate}` : ''}.jsonl`);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A writer that starts the file afresh (a session that is not resumed starts a new transcript). */
export function startTranscript(path: string, header: TranscriptHeader): TranscriptCheckpoint {
  mkdirSync(dirname(path), { recursive: true });
  const line = `${JSON.stringify(header)}\n`;
  writeFileSync(path, line);
  return { path, turns: 0, bytes: Buffer.byteLength(line), sha256: sha256(Buffer.from(line)) };
}

/** Appends a turn and returns the checkpoint that covers it. */
export function appendTurn(cp: TranscriptCheckpoint, entry: TurnEntry): TranscriptCheckpoint {
  const line = Buffer.from(`${JSON.stringify(entry)}\n`);
  appendFileSync(cp.path, line);
  // The hash covers the whole file; reading it back is cheaper than keeping it in memory for days-long sessions.
  const all = readFileSync(cp.path);
  return { path: cp.path, turns: entry.turn, bytes: all.length, sha256: sha256(all) };
}

export interface ReadTranscript {
  header?: TranscriptHeader['session'];
  turns: TurnEntry[];
}

/** Every complete line of a transcript; a line cut short by a crash is left out. */
export function readTranscript(path: string): ReadTranscript {
  const text = readFileSync(path, 'utf8');
  const out: ReadTranscript = { turns: [] };
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if ((parsed as TranscriptHeader).session) out.header = (parsed as TranscriptHeader).session;
    else if (typeof (parsed as TurnEntry).turn === 'number') out.turns.push(parsed as TurnEntry);
  }
  return out;
}

/**
 * The conversation a checkpoint vouches for, rebuilt from its transcript, with the
 * checkpoint to go on appending from; undefined when the file is gone or is not the one
 * the checkpoint hashed. Turns appended after the checkpoint (the crash came before the
 * heartbeat) are kept: their tools ran in the container, so the model must know of them.
 */
export function resumeFrom(cp: TranscriptCheckpoint, program: string): { conversation: Conversation; checkpoint: TranscriptCheckpoint } | undefined {
  if (!existsSync(cp.path)) return undefined;
  const all = readFileSync(cp.path);
  if (all.length < cp.bytes || sha256(all.subarray(0, cp.bytes)) !== cp.sha256) return undefined;
  // A half-written last line is cut off, so the next append starts a line of its own.
  const end = all.lastIndexOf(0x0a) + 1;
  if (end < all.length) truncateSync(cp.path, end);
  const kept = all.subarray(0, end);
  const { turns } = readTranscript(cp.path);
  const conversation = startConversation(program);
  for (const t of turns) applyTurn(conversation, t);
  return { conversation, checkpoint: { path: cp.path, turns: conversation.turns, bytes: kept.length, sha256: sha256(kept) } };
}
