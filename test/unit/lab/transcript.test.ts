import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { requestView, type TurnEntry } from '../../../lab/conversation';
import { appendTurn, readTranscript, resumeFrom, startTranscript, transcriptPath } from '../../../lab/transcript';
import { formatTranscript } from '../../../client/transcriptView';

function turn(n: number): TurnEntry {
  return {
    turn: n,
    at: `2026-12-01T00:00:0${n}Z`,
    masked: n === 3 ? ['toolu_1'] : [],
    reply: [
      { type: 'text', text: `step ${n}` },
      { type: 'tool_use', id: `toolu_${n}`, name: n === 2 ? 'bash' : 'read', input: n === 2 ? { command: 'npm test' } : { path: 'src/calc.js' } },
    ],
    stopReason: 'tool_use',
    usage: { inputTokens: 100 * n, outputTokens: 20, cacheWriteTokens: 50, cacheReadTokens: 1000 * n },
    requests: 1,
    estimated: 1100 * n,
    results: [{ tool_use_id: `toolu_${n}`, content: `line a\nline b ${n}`, is_error: n === 2 }],
  };
}

const header = { session: { generation: 7, model: 'claude-opus-4-6', runId: 'r1', startedAt: '2026-12-01T00:00:00Z' } };

function written(turns: number) {
  const dir = mkdtempSync(join(tmpdir(), 'loom-transcript-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const path = transcriptPath(dir, 7);
  let cp = startTranscript(path, header);
  for (let n = 1; n <= turns; n++) cp = appendTurn(cp, turn(n));
  return { path, cp };
}

describe('transcripts', () => {
  it('live under the git folder, one per Lab', () => {
    expect(transcriptPath('/r/.git', 4)).toBe('/r/.git/loom/transcripts/gen-4.jsonl');
    expect(transcriptPath('/r/.git', 4, 2)).toBe('/r/.git/loom/transcripts/gen-4-c2.jsonl');
  });

  it('keep a header and one line per turn, and a checkpoint of a few hundred bytes however long the session', () => {
    const { path, cp } = written(3);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(4);
    expect(readTranscript(path).header).toEqual(header.session);
    expect(cp.turns).toBe(3);
    expect(JSON.stringify(cp).length).toBeLessThan(400);
  });

  it('rebuild the conversation a checkpoint vouches for, turns appended after it included', () => {
    const { path, cp } = written(2);
    const later = appendTurn(cp, turn(3));
    const resumed = resumeFrom(cp, '# task')!;
    expect(resumed.conversation.turns).toBe(3);
    expect(resumed.checkpoint).toEqual(later);
    expect(resumed.conversation.masked.has('toolu_1')).toBe(true);
    expect(resumed.conversation.messages).toHaveLength(7);
    expect(requestView(resumed.conversation, false)[0]!.content).toBe('program.md:\n\n# task');
    expect(resumed.conversation.tokens).toEqual({ inputTokens: 600, outputTokens: 60, cacheWriteTokens: 150, cacheReadTokens: 6000 });
    expect(path).toBe(cp.path);
  });

  it('drop a line a crash cut short, so the next turn starts a line of its own', () => {
    const { path, cp } = written(2);
    appendFileSync(path, '{"turn":3,"at":"2026-12-01T0');
    const resumed = resumeFrom(cp, 'p')!;
    expect(resumed.conversation.turns).toBe(2);
    appendTurn(resumed.checkpoint, turn(3));
    expect(readTranscript(path).turns.map((t) => t.turn)).toEqual([1, 2, 3]);
  });

  it('refuse a file that is not the one the checkpoint hashed, or is gone', () => {
    const { path, cp } = written(2);
    writeFileSync(path, readFileSync(path, 'utf8').replace('step 1', 'step X'));
    expect(resumeFrom(cp, 'p')).toBeUndefined();
    expect(resumeFrom({ ...cp, path: `${path}.gone` }, 'p')).toBeUndefined();
  });

  it('print readably: each turn with its tokens, calls and results', () => {
    const { path } = written(3);
    const text = formatTranscript(readTranscript(path));
    expect(text).toContain('Lab session of generation 7, claude-opus-4-6');
    expect(text).toContain('turn 2  2026-12-01T00:00:02Z  prompt 2,250 tokens (2,000 read from cache, 50 written, 200 uncached), 20 out');
    expect(text).toContain('  > bash npm test\n    ! line a\n    ! line b 2');
    expect(text).toContain('1 old tool result elided');
  });
});
