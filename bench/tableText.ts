// A table laid out as text: markdown for docs/bench.md, aligned columns for the terminal.

export interface Table {
  head: string[];
  rows: string[][];
  align: ('l' | 'r')[];
}

export function markdown(t: Table): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(t.head), line(t.align.map((a) => (a === 'r' ? '---:' : '---'))), ...t.rows.map(line)].join('\n');
}

export function plain(t: Table): string {
  const strip = (s: string) => s.replace(/\*\*/g, '');
  const cells = [t.head, ...t.rows].map((r) => r.map(strip));
  const widths = t.head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r, k) => {
      const s = r.map((c, i) => (t.align[i] === 'r' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
      return k === 0 ? `${s}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : s;
    })
    .join('\n');
}
