// `loom show N --transcript`: a Lab session's trajectory, turn by turn, as a person reads it.
import type { ReadTranscript } from '../lab/transcript';
import { describeCall } from '../lab/conversation';

const RESULT_LINES = 6;
const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US');

function excerpt(text: string, lines = RESULT_LINES): string[] {
  const all = text.split('\n');
  const shown = all.slice(0, lines).map((l) => (l.length > 160 ? `${l.slice(0, 157)}...` : l));
  if (all.length > lines) shown.push(`... (${all.length - lines} more lines)`);
  return shown;
}

export function formatTranscript(t: ReadTranscript): string {
  const out: string[] = [];
  const h = t.header;
  if (h) out.push(`Lab session of generation ${h.generation}${h.candidate ? ` (Lab ${h.candidate})` : ''}, ${h.model}, started ${h.startedAt}`);
  for (const e of t.turns) {
    const u = e.usage;
    const prompt = u.inputTokens + (u.cacheWriteTokens ?? 0) + (u.cacheReadTokens ?? 0);
    out.push(
      '',
      `turn ${e.turn}  ${e.at}  prompt ${n(prompt)} tokens (${n(u.cacheReadTokens)} read from cache, ${n(u.cacheWriteTokens)} written, ${n(u.inputTokens)} uncached), ${n(u.outputTokens)} out` +
        `${e.requests > 1 ? `, ${e.requests} requests (the prompt was refused as too long and masked)` : ''}${e.masked.length ? `, ${e.masked.length} old tool result${e.masked.length === 1 ? '' : 's'} elided` : ''}, stop ${e.stopReason}`,
    );
    const results = new Map(e.results.map((r) => [r.tool_use_id, r]));
    for (const b of e.reply) {
      if (b.type === 'text') out.push(...excerpt(b.text, 20).map((l) => `  ${l}`));
      else if (b.type === 'thinking') out.push(`  [thinking] ${excerpt(b.thinking, 1)[0]}`);
      else if (b.type === 'redacted_thinking') out.push('  [thinking, redacted]');
      else if (b.type === 'tool_use') {
        out.push(`  > ${describeCall(b.name, (b.input ?? {}) as Record<string, unknown>)}`);
        const r = results.get(b.id);
        if (r) out.push(...excerpt(r.content).map((l) => `    ${r.is_error ? '!' : '|'} ${l}`));
        else out.push('    (not run)');
      }
    }
    if (e.note) out.push(`  [Loom] ${e.note}`);
    if (e.ended) out.push(`  session ended: ${e.ended}`);
  }
  if (!t.turns.length) out.push('(no turn was recorded)');
  return out.join('\n');
}
