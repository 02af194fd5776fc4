import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configRows, formatConfig, maskSecret } from '../../../config/configDisplay';
import { loadConfig } from '../../../config/loomConfig';
import { configRepos } from './configFixtures';

const repoWith = configRepos();

describe('helpers', () => {
  it('masks secrets, keeping four characters at most', () => {
    expect(maskSecret('sk-ant-api03-abcdefghij1234')).toBe('sk-a…(masked)');
    expect(maskSecret('short-key')).toBe('(masked)');
  });
});

describe('showing the configuration', () => {
  const key = 'sk-ant-api03-SECRETSECRET1234';
  const repo = repoWith({ testCommand: 'make test' });
  const c = loadConfig({ repo, env: { ANTHROPIC_API_KEY: key, LOOM_LAB_API_KEY: 'lab-secret-key-5678', TEMPORAL_API_KEY: 'tmprl-abcdefgh' }, flags: { usd: '2' } });

  it('lists each value with its source and never the full secret', () => {
    const rows = Object.fromEntries(configRows(c).map((r) => [r.key, r]));
    expect(rows.anthropicApiKey).toMatchObject({ value: 'sk-a…(masked)', source: 'env', origin: 'ANTHROPIC_API_KEY' });
    expect(rows.labApiKey!.value).toBe('lab-…(masked)');
    expect(rows.temporalApiKey!.value).toBe('tmpr…(masked)');
    expect(rows.testCommand).toMatchObject({ value: 'make test', source: 'file' });
    expect(rows['budgets.usd']).toMatchObject({ value: 2, source: 'flag', origin: '--usd' });
    expect(rows['budgets.hours']).toMatchObject({ value: null, source: 'default', setBy: 'budgets.hours in the file, --hours' });
    const text = formatConfig(c, repo);
    const json = JSON.stringify(configRows(c));
    for (const shown of [text, json]) {
      expect(shown).not.toContain('SECRET');
      expect(shown).not.toContain('1234');
      expect(shown).not.toContain('5678');
    }
    expect(text).toContain(`configuration for ${repo} (file ${join(repo, 'loom.config.json')})`);
    expect(text).toMatch(/anthropicApiKey +sk-a…\(masked\) +env \(ANTHROPIC_API_KEY\)/);
    expect(text).toMatch(/budgets\.usd +2 +flag \(--usd\)/);
    expect(text).toMatch(/testCommand +make test +file/);
  });

  it('says which process reads each setting: keys the worker, endpoints and models loom, where Temporal is both', () => {
    const rows = Object.fromEntries(configRows(c).map((r) => [r.key, r.readBy]));
    expect([rows.anthropicApiKey, rows.labApiKey, rows.testTimeoutSec]).toEqual(Array(3).fill("read by the worker, from the worker's environment"));
    expect([rows.primeModel, rows.labApiBase, rows.anthropicBaseUrl]).toEqual(Array(3).fill('read where loom runs, sent with the work'));
    expect(rows.temporalAddress).toBe('read by loom and by the worker, each from its own environment');
    expect(formatConfig(c, repo)).toMatch(/^  read by the worker, from the worker's environment: anthropicApiKey, labApiKey, testTimeoutSec, dockerHost$/m);
    expect(formatConfig(c, repo)).toMatch(/^  read where loom runs, sent with the work: testCommand, setup, labImage, .*labApiBase/m);
  });
});
