// The commands that read: status, history, show, report, estimate, config and ui.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configSchema } from '../config/configSchema';
import { configRows, formatConfig } from '../config/configDisplay';
import { budgetsLeft } from '../generation/loop';
import { ledgerPath, readLedger } from '../ledger/generationLedger';
import { readTestReports, testTable } from '../ledger/testReports';
import { effectiveConfig, JSON_FLAG, positiveNumber, REPO, repoFrom, settingOptions, withClient } from './cliArgs';
import { estimate, formatEstimate, historyFrom } from './estimate';
import { historyTable, showGeneration } from './history';
import { formatTranscript } from './transcriptView';
import { readTranscript } from '../lab/transcript';
import type { GenerationRecord } from '../generation/recordTypes';
import { loopHandle, loopStatus } from './loops';
import { buildReport, fitnessSvg, reportMarkdown } from './report';
import { repoQuery, webUiBase, workflowsLink } from './webUi';

export async function status(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...REPO, ...JSON_FLAG, watch: { type: 'boolean', default: false } } });
  const repo = await repoFrom(values.repo, 'status');
  return withClient(async (client) => {
    const handle = loopHandle(client, repo);
    // --watch: again every 2 s while the loop runs, then once more with how it ended.
    for (;;) {
      const s = await loopStatus(handle);
      const running = (await handle.describe()).status.name === 'RUNNING';
      // The generation's own step (spawnLab, runTests …), asked of its workflow.
      const genStep = s.currentGeneration ? await client.workflow.getHandle(s.currentGeneration.workflowId).query<string>('step').catch(() => undefined) : undefined;
      if (values.json) {
        const doc = { ...s, running, generationStep: genStep, budgetsLeft: budgetsLeft(s.state, Date.now()) };
        // Watching: one JSON document per line.
        console.log(values.watch ? JSON.stringify(doc) : JSON.stringify(doc, null, 2));
      } else {
        const t = s.state.totals;
        console.log(`loop of ${repo}: ${s.step}${s.state.paused ? ' (paused)' : ''}${s.state.stopRequested ? ' (stopping)' : ''}${running ? '' : ' (ended)'}`);
        console.log(`  generations ${t.generations} (${t.promoted} promoted, ${t.rejected} rejected, ${t.failed} failed), spent $${t.costUsd.toFixed(4)}`);
        console.log(`  left: ${budgetsLeft(s.state, Date.now())}`);
        if (s.currentGeneration) console.log(`  current: generation ${s.currentGeneration.generation}${genStep ? `, step ${genStep}` : ''} (${s.currentGeneration.workflowId})`);
      }
      if (!values.watch || !running) return 0;
      await new Promise((r) => setTimeout(r, 2000));
    }
  });
}

export async function history(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...REPO, ...JSON_FLAG } });
  const entries = await readLedger(await repoFrom(values.repo, 'history'));
  if (values.json) console.log(JSON.stringify(entries, null, 2));
  else console.log(entries.length ? historyTable(entries) : 'no generations recorded yet for this repository');
  return 0;
}

export async function show(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { ...REPO, ...JSON_FLAG, tests: { type: 'boolean' }, transcript: { type: 'boolean' } }, allowPositionals: true });
  const n = positiveNumber('generation', positionals[0], true);
  if (n === undefined) throw new Error('show needs the generation number: loom show N --repo PATH');
  const repo = await repoFrom(values.repo, 'show');
  const matches = (await readLedger(repo)).filter((e) => e.record.generation === n);
  const entry = matches.at(-1);
  if (!entry) throw new Error(`no generation ${n} is recorded for this repository: see loom history`);
  if (values.transcript) return showTranscripts(entry.record, Boolean(values.json));
  const runs = values.tests ? await readTestReports(repo, entry.workflowId) : undefined;
  if (values.json) console.log(JSON.stringify(values.tests ? { ...entry, runs } : entry, null, 2));
  else console.log(values.tests ? (runs ? `${showGeneration(entry)}\n\nevery test, by run:\n${testTable(runs)}` : `${showGeneration(entry)}\n\n(no per-test results were recorded for this generation)`) : showGeneration(entry));
  return 0;
}

/** Each Lab's transcript of a generation, in order; a missing file is named, with why it may be missing. */
function showTranscripts(record: GenerationRecord, json: boolean): number {
  const sessions = record.candidates?.length ? record.candidates.map((c) => ({ label: `Lab ${c.candidate}`, path: c.labSession?.transcript })) : [{ label: 'Lab', path: record.labSession?.transcript }];
  if (sessions.every((s) => !s.path)) throw new Error(`generation ${record.generation} has no Lab transcript: it ended before its Lab ran (${record.outcome.kind}${'stage' in record.outcome ? ` at ${record.outcome.stage}` : ''}), or was recorded before Loom kept transcripts`);
  let missing = 0;
  for (const s of sessions) {
    if (!s.path) continue;
    if (!existsSync(s.path)) {
      missing++;
      console.error(`${s.label}: the transcript ${s.path} is not on this machine (a Lab worker apart from Prime keeps it on its own host)`);
      continue;
    }
    const t = readTranscript(s.path);
    console.log(json ? JSON.stringify(t, null, 2) : `${formatTranscript(t)}\n`);
  }
  return missing ? 1 : 0;
}

export async function report(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...REPO, ...JSON_FLAG, out: { type: 'string' } } });
  const repo = await repoFrom(values.repo, 'report');
  const entries = await readLedger(repo);
  const r = buildReport(repo, entries);
  const mdPath = values.out ? resolve(values.out) : undefined;
  let svgPath: string | undefined;
  let svgRef: string | undefined;
  if (entries.length) {
    // Next to the Markdown (report.md → report-fitness.svg), else beside the ledger.
    svgPath = mdPath ? `${mdPath.replace(/\.(md|markdown)$/i, '')}-fitness.svg` : join(dirname(await ledgerPath(repo)), 'report-fitness.svg');
    svgRef = mdPath ? basename(svgPath) : svgPath;
  }
  const markdown = reportMarkdown(r, svgRef);
  try {
    if (mdPath) {
      mkdirSync(dirname(mdPath), { recursive: true });
      writeFileSync(mdPath, markdown);
    }
    if (svgPath) {
      mkdirSync(dirname(svgPath), { recursive: true });
      writeFileSync(svgPath, fitnessSvg(r));
    }
  } catch (err) {
    throw new Error(`cannot write the report (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): pass --out a file in a folder you can write to`);
  }
  if (values.json) console.log(JSON.stringify({ ...r, markdownPath: mdPath ?? null, svgPath: svgPath ?? null }, null, 2));
  else if (mdPath) console.log(svgPath ? `wrote ${mdPath} and ${svgPath}` : `wrote ${mdPath} (no generations yet, so no chart)`);
  else process.stdout.write(markdown);
  return 0;
}

export async function estimateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...REPO, ...JSON_FLAG, generations: { type: 'string' }, 'lab-model': { type: 'string' }, 'prime-model': { type: 'string' } } });
  const n = positiveNumber('generations', values.generations, true);
  if (n === undefined) throw new Error('estimate needs --generations N (how many generations to price)');
  const config = effectiveConfig(undefined, { 'lab-model': values['lab-model'], 'prime-model': values['prime-model'] });
  const history = values.repo ? historyFrom(await readLedger(await repoFrom(values.repo, 'estimate'))) : undefined;
  const e = estimate(n, { prime: config.primeModel.value, lab: config.labModel.value }, history);
  console.log(values.json ? JSON.stringify(e, null, 2) : formatEstimate(e));
  return 0;
}

export async function configCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...REPO, ...JSON_FLAG, ...settingOptions(['work', 'loop']), schema: { type: 'boolean', default: false } } });
  // loom.config.json's JSON Schema, for editors (the copy shipped as loom.config.schema.json).
  if (values.schema) {
    console.log(JSON.stringify(configSchema(), null, 2));
    return 0;
  }
  const repo = values.repo ? await repoFrom(values.repo as string, 'config') : undefined;
  const c = effectiveConfig(repo, values);
  console.log(values.json ? JSON.stringify({ repo: repo ?? null, file: c.file ?? null, settings: configRows(c) }, null, 2) : formatConfig(c, repo));
  return 0;
}

/** xdg-open's verdict: undefined when it took the link, else why not. */
function openInBrowser(url: string): Promise<string | undefined> {
  return new Promise((done) => {
    const child = spawn('xdg-open', [url], { stdio: 'ignore', detached: true });
    const timer = setTimeout(() => {
      child.unref(); // still starting a browser: leave it to it
      done(undefined);
    }, 5000);
    child.once('error', (err) => {
      clearTimeout(timer);
      done((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'xdg-open is not installed' : err.message);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      done(code === 0 ? undefined : `xdg-open exited with ${code}`);
    });
  });
}

export async function ui(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { ...REPO, ...JSON_FLAG, open: { type: 'boolean', default: false } } });
  const repo = values.repo ? await repoFrom(values.repo, 'ui') : undefined;
  const config = effectiveConfig(undefined, {});
  const namespace = config.temporalNamespace.value;
  const url = workflowsLink(webUiBase(config), namespace, repo);
  const notOpened = values.open ? await openInBrowser(url) : undefined;
  if (values.json) {
    console.log(JSON.stringify({ url, namespace, repo: repo ?? null, query: repo ? repoQuery(repo) : null, ...(values.open ? { opened: !notOpened } : {}) }, null, 2));
    return 0;
  }
  console.log(repo ? `Temporal Web UI, the workflows of ${repo}:` : `Temporal Web UI, the workflows of namespace ${namespace}:`);
  console.log(url);
  if (notOpened) console.log(`(not opened: ${notOpened}; open the link yourself)`);
  return 0;
}
