import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigFile } from '../../../config/configFile';
import { configRows } from '../../../config/configDisplay';
import { configSchema } from '../../../config/configSchema';
import { loadConfig, modelSettingsOf, workSettingsOf } from '../../../config/loomConfig';
import { SETTINGS, type Kind, type Setting, type SettingKey } from '../../../config/settings';
import { DEFAULT_MODEL } from '../../../config/workSettings';
import { modelSettingsFromEnv } from '../../../model/modelSettings';
import { configRepos, problemsOf } from './configFixtures';

const repoWith = configRepos();

describe('layering: defaults ← loom.config.json ← environment ← flags', () => {
  it('uses the defaults when nothing is set', () => {
    const c = loadConfig({ env: {} });
    expect(c.file).toBeUndefined();
    expect([c.testCommand.value, c.baseBranch.value, c['budgets.generations'].value, c['budgets.maxFailures'].value, c['budgets.usd'].value]).toEqual(['npm test', 'main', 3, 5, undefined]);
    expect([c.temporalAddress.value, c.taskQueue.value, c.uiPort.value, c.testTimeoutSec.value]).toEqual(['127.0.0.1:7233', 'loom', 8233, 600]);
    expect(c.testCommand.source).toBe('default');
  });

  it('takes the file over the defaults, and flags over the file', () => {
    const repo = repoWith({ testCommand: 'npm run test:unit', baseBranch: 'trunk', budgets: { usd: 5, generations: 20 }, mounts: ['node_modules'], maxTurns: 30 });
    const c = loadConfig({ repo, env: {}, flags: { generations: '4', mount: ['vendor'] } });
    expect(c.file).toBe(join(repo, 'loom.config.json'));
    expect(c.testCommand).toEqual({ value: 'npm run test:unit', source: 'file', origin: `${c.file} testCommand` });
    expect(c.baseBranch.value).toBe('trunk');
    expect(c['budgets.usd']).toMatchObject({ value: 5, source: 'file' });
    expect(c['budgets.generations']).toEqual({ value: 4, source: 'flag', origin: '--generations' });
    expect(c.mounts).toEqual({ value: ['vendor'], source: 'flag', origin: '--mount' });
    expect(c.maxTurns).toMatchObject({ value: 30, source: 'file' });
    expect(c['budgets.maxFailures']).toMatchObject({ value: 5, source: 'default' });
  });

  it('takes the environment over the file (LOOM_LAB_IMAGE over labImage)', () => {
    const repo = repoWith({ labImage: 'from-file:1' });
    expect(loadConfig({ repo, env: {}, defaults: { labImage: 'loom-lab:abc' } }).labImage).toMatchObject({ value: 'from-file:1', source: 'file' });
    expect(loadConfig({ repo, env: { LOOM_LAB_IMAGE: 'from-env:2' } }).labImage).toEqual({ value: 'from-env:2', source: 'env', origin: 'LOOM_LAB_IMAGE' });
    expect(loadConfig({ env: {}, defaults: { labImage: 'loom-lab:abc' } }).labImage).toEqual({ value: 'loom-lab:abc', source: 'default' });
  });

  it('reads every variable Loom knows', () => {
    const c = loadConfig({
      env: {
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_NAMESPACE: 'prod',
        LOOM_TASK_QUEUE: 'q',
        LOOM_UI_PORT: '9000',
        LOOM_UI_URL: 'https://ui.example',
        LOOM_TEST_TIMEOUT_SEC: '120',
        DOCKER_HOST: 'tcp://d:2375',
        TEMPORAL_TLS_CERT: '/c',
        TEMPORAL_TLS_KEY: '/k',
      },
    });
    expect([c.temporalAddress, c.temporalNamespace, c.taskQueue, c.uiPort, c.uiUrl, c.testTimeoutSec, c.dockerHost, c.temporalTlsCert].map((s) => [s.value, s.source, s.origin])).toEqual([
      ['temporal:7233', 'env', 'TEMPORAL_ADDRESS'],
      ['prod', 'env', 'TEMPORAL_NAMESPACE'],
      ['q', 'env', 'LOOM_TASK_QUEUE'],
      [9000, 'env', 'LOOM_UI_PORT'],
      ['https://ui.example', 'env', 'LOOM_UI_URL'],
      [120, 'env', 'LOOM_TEST_TIMEOUT_SEC'],
      ['tcp://d:2375', 'env', 'DOCKER_HOST'],
      ['/c', 'env', 'TEMPORAL_TLS_CERT'],
    ]);
  });

  it('sends the same models as modelSettingsFromEnv, the Lab inheriting Prime’s', () => {
    for (const env of [
      {},
      { LOOM_MODEL: 'claude-opus-4-6' },
      { LOOM_MODEL: 'claude-opus-4-6', LOOM_LAB_MODEL: 'claude-haiku-4-5', ANTHROPIC_BASE_URL: 'http://p' },
      { ANTHROPIC_BASE_URL: 'http://p', LOOM_LAB_API_BASE: 'http://l' },
    ]) {
      expect(modelSettingsOf(loadConfig({ env }))).toEqual(modelSettingsFromEnv(env));
    }
    const c = loadConfig({ env: { LOOM_MODEL: 'claude-opus-4-6' }, flags: { 'lab-model': 'claude-haiku-4-5' } });
    expect([c.primeModel.value, c.labModel.value, c.labModel.source]).toEqual(['claude-opus-4-6', 'claude-haiku-4-5', 'flag']);
  });

  it('refuses a bad flag or variable with its name, what is wrong and the fix', () => {
    expect(() => loadConfig({ env: {}, flags: { generations: 'many' } })).toThrow('--generations must be a positive integer, got "many"');
    expect(() => loadConfig({ env: {}, flags: { usd: '-1' } })).toThrow('--usd must be a positive number, got "-1"');
    expect(() => loadConfig({ env: { LOOM_UI_PORT: '99999' } })).toThrow('LOOM_UI_PORT is "99999", which is not a port number (1-65535): correct it, or unset it for the default');
    expect(() => loadConfig({ env: { LOOM_TEST_TIMEOUT_SEC: '0' } })).toThrow('LOOM_TEST_TIMEOUT_SEC is "0"');
    expect(() => loadConfig({ env: { TEMPORAL_TLS_CERT: '/c' } })).toThrow('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together');
  });
});

describe('the settings table', () => {
  const SAMPLE: Record<Kind, { text: string; json: unknown; value: unknown }> = {
    text: { text: 'some-value', json: 'some-value', value: 'some-value' },
    positiveInteger: { text: '4', json: 4, value: 4 },
    positiveNumber: { text: '2.5', json: 2.5, value: 2.5 },
    count: { text: '0', json: 0, value: 0 },
    port: { text: '9000', json: 9000, value: 9000 },
    folders: { text: 'vendor', json: ['vendor'], value: ['vendor'] },
    globs: { text: 'dist/**', json: ['dist/**'], value: ['dist/**'] },
    reportMode: { text: 'junit', json: 'junit', value: 'junit' },
    labs: { text: '2', json: 2, value: 2 },
    boolean: { text: 'true', json: true, value: true },
    thinkingTokens: { text: '2048', json: 2048, value: 2048 },
  };
  const rows = SETTINGS as readonly Setting[];
  // Cert and key go together; every other setting is tried alone.
  const partner = (s: Setting): Record<string, string> => (s.key === 'temporalTlsCert' ? { TEMPORAL_TLS_KEY: '/k' } : s.key === 'temporalTlsKey' ? { TEMPORAL_TLS_CERT: '/c' } : {});

  it('reads every flag, variable and file key it lists, and shows each in loom config', () => {
    for (const s of rows) {
      const sample = SAMPLE[s.kind];
      if (s.flag) {
        const given = s.kind === 'folders' || s.kind === 'globs' ? [sample.text] : sample.text;
        expect(loadConfig({ env: partner(s), flags: { [s.flag]: given } })[s.key as SettingKey], s.key).toEqual({ value: sample.value, source: 'flag', origin: `--${s.flag}` });
      }
      if (s.env) expect(loadConfig({ env: { ...partner(s), [s.env]: sample.text } })[s.key as SettingKey], s.key).toEqual({ value: sample.value, source: 'env', origin: s.env });
      if (s.file) {
        const parts = s.file.split('.');
        const file = parts.reduceRight<unknown>((inner, part) => ({ [part]: inner }), sample.json);
        expect(loadConfig({ repo: repoWith(file), env: partner(s) })[s.key as SettingKey], s.key).toMatchObject({ value: sample.value, source: 'file' });
      }
    }
    expect(configRows(loadConfig({ env: {} })).map((r) => r.key)).toEqual(rows.map((s) => s.key));
  });

  it('refuses every kind of bad flag with the flag, the value and what it takes', () => {
    for (const s of rows.filter((r) => r.flag && !['text', 'folders', 'globs'].includes(r.kind))) {
      expect(() => loadConfig({ env: {}, flags: { [s.flag!]: 'nonsense' } }), s.key).toThrow(new RegExp(`^--${s.flag} must be .+, got "nonsense"$`));
    }
    expect(() => loadConfig({ env: {}, flags: { labs: '9' } })).toThrow('--labs must be a whole number from 1 to 8 (Labs run at once, each in its own container and worker slot), got "9"');
  });

  it('sends the work settings nested as WorkSettings holds them, and nothing unset', () => {
    const repo = repoWith({ labImage: 'img:1', excludeFromReview: ['*.lock'], verification: { report: 'junit', maxMutants: 0 } });
    const settings = workSettingsOf(loadConfig({ repo, env: { LOOM_LAB_MODEL: 'claude-haiku-4-5', LOOM_EXCHANGE: '/x.git' }, flags: { mount: ['node_modules'], 'max-turns': '9' } }));
    expect(settings).toEqual({
      testCommand: 'npm test',
      models: { prime: { model: DEFAULT_MODEL }, lab: { model: 'claude-haiku-4-5' } },
      mounts: ['node_modules'],
      maxTurns: 9,
      labBudget: { usd: 3, tokens: 3_000_000 },
      maxRepoMb: 2048,
      labs: 1,
      reviewExcludes: ['*.lock'],
      labImage: 'img:1',
      verification: { report: 'junit', maxMutants: 0, plantedFaults: 3, perturbedRun: true, maxChangeFiles: 500, maxChangeMb: 20, maxFileMb: 10 },
      exchange: '/x.git',
    });
  });

  it("sends the Lab image and the test timeout only when the repository's file names them: the worker's own apply otherwise", () => {
    const fromEnv = workSettingsOf(loadConfig({ env: { LOOM_LAB_IMAGE: 'mine:2', LOOM_TEST_TIMEOUT_SEC: '30' }, defaults: { labImage: 'loom-lab:abc' } }));
    expect(fromEnv).not.toHaveProperty('labImage');
    expect(fromEnv).not.toHaveProperty('testTimeoutSec');
    expect(workSettingsOf(loadConfig({ repo: repoWith({ labImage: 'img:1', testTimeoutSec: 1800 }), env: {} }))).toMatchObject({ labImage: 'img:1', testTimeoutSec: 1800 });
  });

  it('ships the schema it validates with (run `npm run schema` after changing the table)', () => {
    const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'loom.config.schema.json'), 'utf8'));
    expect(shipped).toEqual(configSchema());
  });

  it('accepts "$schema", and places each problem at its line and column', () => {
    expect(parseConfigFile('{"$schema": "./loom.config.schema.json", "maxTurns": 3}', 'x')).toMatchObject({ maxTurns: 3 });
    const msg = problemsOf('{\n  "maxTurns": 0,\n  "budgets": {\n    "usd": "5"\n  },\n  "mounts": ["ok", "../up"],\n  "verification": { "reprot": "junit" }\n}');
    expect(msg).toContain('line 2, column 15: maxTurns: must be above 0, got 0');
    expect(msg).toContain('line 4, column 12: budgets.usd: must be a number, got the string "5" (write it without quotes)');
    expect(msg).toContain('line 6, column 20: mounts: item 1 ("../up") is not a folder inside the repository');
    expect(msg).toContain('line 7, column 21: verification.reprot: unknown key; did you mean "verification.report"?');
  });
});
