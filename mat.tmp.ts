import { mkdirSync, writeFileSync, readFileSync, cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execSync } from 'node:child_process';
import { ALL_FORMS } from './test/hostile/forms/index';
const name = process.argv[2]!; const out = process.argv[3]!;
const f = ALL_FORMS.find((x) => x.name === name)!;
const bashes: string[] = [];
rmSync(out, { recursive: true, force: true });
cpSync('examples/calc', out, { recursive: true });
for (const [p, c] of Object.entries(f.base ?? {})) { const q = join(out, p); if (c === null) rmSync(q, { force: true }); else { mkdirSync(dirname(q), { recursive: true }); writeFileSync(q, c); } }
for (const s of f.steps as any[]) {
  const i = s.input ?? s; const q = i.path ? join(out, i.path) : '';
  if (bashes.length && s.tool !== 'bash' && s.tool !== 'read') { bashes.push(`node -e 'process.exit(0)' # file step ${s.tool} ${i.path} applied on host out of order`); }
  if (s.tool === 'write') { mkdirSync(dirname(q), { recursive: true }); writeFileSync(q, i.content); }
  else if (s.tool === 'edit') { const t = readFileSync(q, 'utf8'); if (!t.includes(i.old_text ?? i.old)) throw new Error('edit miss ' + i.path); writeFileSync(q, t.replace(i.old_text ?? i.old, i.new_text ?? i.new)); }
  else if (s.tool === 'bash') bashes.push(i.command);
}
writeFileSync(join(out, '.steps.json'), JSON.stringify(f.steps));
console.log(bashes.join('\n---\n'));
