// Host-side git plumbing over commits and trees: what a change holds, object by object,
// and new trees and commits made without a working tree or the user's index.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitBytes } from './gitCommand';

import type { TreeEntry } from '../verify/heldOut';
import type { CommitFiles } from '../runners/runner';


/** Every file of a commit's tree (blobs, symlinks, submodule links), by path. */
export async function lsTree(repo: string, commit: string): Promise<Map<string, TreeEntry>> {
  const out = (await gitBytes(repo, ['ls-tree', '-r', '-z', '--full-tree', commit])).toString('utf8');
  const m = new Map<string, TreeEntry>();
  for (const rec of out.split('\0')) {
    if (!rec) continue;
    const tab = rec.indexOf('\t');
    const [mode, type, sha] = rec.slice(0, tab).split(' ');
    m.set(rec.slice(tab + 1), { mode: mode!, type: type!, sha: sha! });
  }
  return m;
}

export interface RawChange {
  status: 'A' | 'M' | 'D' | 'T';
  path: string;
  oldMode: string;
  newMode: string;
  oldSha: string;
  newSha: string;
}

/** `git diff --raw` between two commits, without rename detection (a rename is a delete and an add). */
export async function diffRaw(repo: string, from: string, to: string, pathspec: string[] = []): Promise<RawChange[]> {
  const out = (await gitBytes(repo, ['diff', '--raw', '-z', '--no-renames', '--no-abbrev', '--no-ext-diff', from, to, '--', '.', ...pathspec])).toString('utf8');
  const parts = out.split('\0');
  const changes: RawChange[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const meta = parts[i]!;
    if (!meta.startsWith(':')) break;
    const [oldMode, newMode, oldSha, newSha, status] = meta.slice(1).split(' ');
    changes.push({ status: status!.charAt(0) as RawChange['status'], path: parts[i + 1]!, oldMode: oldMode!, newMode: newMode!, oldSha: oldSha!, newSha: newSha! });
  }
  return changes;
}

export async function blob(repo: string, sha: string): Promise<Buffer> {
  return gitBytes(repo, ['cat-file', 'blob', sha]);
}

/** The commit messages between two commits, oldest first. */
export async function commitMessages(repo: string, from: string, to: string): Promise<string[]> {
  const out = (await gitBytes(repo, ['log', '--reverse', '--format=%B%x00', `${from}..${to}`])).toString('utf8');
  return out.split('\0').map((m) => m.trim()).filter(Boolean);
}

export async function treeOf(repo: string, commit: string): Promise<string> {
  return (await gitBytes(repo, ['rev-parse', `${commit}^{tree}`])).toString('utf8').trim();
}

const ZERO = '0000000000000000000000000000000000000000';

/**
 * A tree: `commit`'s, with some paths set to given entries and others removed. Built in
 * a temporary index, so neither the user's index nor any working tree is touched.
 */
export async function treeWith(repo: string, commit: string, set: Map<string, TreeEntry>, remove: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'loom-index-'));
  const env = { GIT_INDEX_FILE: join(dir, 'index') };
  try {
    await gitBytes(repo, ['read-tree', commit], { env });
    const lines = [...[...set].map(([p, e]) => `${e.mode} ${e.sha}\t${p}`), ...remove.map((p) => `0 ${ZERO}\t${p}`)];
    if (lines.length) await gitBytes(repo, ['update-index', '-z', '--index-info'], { env, input: lines.map((l) => `${l}\0`).join('') });
    return (await gitBytes(repo, ['write-tree'], { env })).toString('utf8').trim();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Identity {
  name: string;
  email: string;
  /** Git date (e.g. "1796115717 +0000"): fixed, so the same inputs make the same commit on a retry. */
  date: string;
}

/** A commit of `tree` on `parents`, with the given identity for author and committer; never signed, no hooks run. */
export async function commitTree(repo: string, tree: string, parents: string[], message: string, who: Identity): Promise<string> {
  const env = { GIT_AUTHOR_NAME: who.name, GIT_AUTHOR_EMAIL: who.email, GIT_AUTHOR_DATE: who.date, GIT_COMMITTER_NAME: who.name, GIT_COMMITTER_EMAIL: who.email, GIT_COMMITTER_DATE: who.date };
  const args = ['-c', 'commit.gpgsign=false', 'commit-tree', tree, ...parents.flatMap((p) => ['-p', p])];
  return (await gitBytes(repo, args, { env, input: message })).toString('utf8').trim();
}

export async function updateRef(repo: string, ref: string, sha: string): Promise<void> {
  await gitBytes(repo, ['update-ref', ref, sha]);
}

/** Many files of one commit at once (one git process): path -> text, absent paths left out. */
export async function readFiles(repo: string, commit: string, paths: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!paths.length) return out;
  const buf = await gitBytes(repo, ['cat-file', '--batch'], { input: paths.map((p) => `${commit}:${p}\n`).join('') });
  let at = 0;
  for (const path of paths) {
    const nl = buf.indexOf(10, at);
    if (nl < 0) break;
    const header = buf.subarray(at, nl).toString('utf8');
    at = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) continue; // "<name> missing"
    const size = Number(m[2]);
    if (m[1] === 'blob') out.set(path, buf.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return out;
}

/** A commit's files for readers that place tests in them: its tree listed once, when first asked. */
export function commitFiles(repo: string, commit: string): CommitFiles {
  let paths: Promise<ReadonlySet<string>> | undefined;
  return {
    paths: () => (paths ??= lsTree(repo, commit).then((tree) => new Set(tree.keys()))),
    read: (wanted) => readFiles(repo, commit, wanted),
  };
}
