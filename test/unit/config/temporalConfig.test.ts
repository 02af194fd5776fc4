import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_ADDRESS, DEFAULT_TASK_QUEUE, temporalConfigFromEnv } from '../../../config/temporalConfig';

const dir = mkdtempSync(join(tmpdir(), 'loom-temporal-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('temporalConfigFromEnv', () => {
  it('defaults to the local dev server without TLS', () => {
    expect(temporalConfigFromEnv({})).toEqual({ address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'loom', tls: undefined, apiKey: undefined });
    expect([DEFAULT_ADDRESS, DEFAULT_TASK_QUEUE]).toEqual(['127.0.0.1:7233', 'loom']);
  });

  it('reads address, namespace and task queue', () => {
    const c = temporalConfigFromEnv({ TEMPORAL_ADDRESS: 'temporal.example:7233', TEMPORAL_NAMESPACE: 'prod', LOOM_TASK_QUEUE: 'q2' });
    expect([c.address, c.namespace, c.taskQueue]).toEqual(['temporal.example:7233', 'prod', 'q2']);
  });

  it('turns TLS on for TEMPORAL_TLS=true or an API key', () => {
    expect(temporalConfigFromEnv({ TEMPORAL_TLS: 'true' }).tls).toBe(true);
    expect(temporalConfigFromEnv({ TEMPORAL_TLS: 'false' }).tls).toBeUndefined();
    expect(temporalConfigFromEnv({ TEMPORAL_API_KEY: 'k' })).toMatchObject({ tls: true, apiKey: 'k' });
  });

  it('refuses a cert without a key, and a key without a cert', () => {
    const msg = 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both paths, or neither';
    expect(() => temporalConfigFromEnv({ TEMPORAL_TLS_CERT: '/some/cert.pem' })).toThrow(msg);
    expect(() => temporalConfigFromEnv({ TEMPORAL_TLS_KEY: '/some/key.pem' })).toThrow(msg);
    expect(() => temporalConfigFromEnv({ TEMPORAL_TLS_CERT: '/some/cert.pem', TEMPORAL_TLS_KEY: '' })).toThrow(msg);
  });

  it('reads the client cert pair from files', () => {
    const cert = join(dir, 'client.crt');
    const key = join(dir, 'client.key');
    writeFileSync(cert, 'CERT BYTES');
    writeFileSync(key, 'KEY BYTES');
    const tls = temporalConfigFromEnv({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key }).tls;
    if (typeof tls !== 'object') throw new Error(`expected a cert pair, got ${String(tls)}`);
    expect(tls.clientCertPair?.crt.toString()).toBe('CERT BYTES');
    expect(tls.clientCertPair?.key.toString()).toBe('KEY BYTES');
    expect(() => temporalConfigFromEnv({ TEMPORAL_TLS_CERT: join(dir, 'missing.crt'), TEMPORAL_TLS_KEY: key })).toThrow(/ENOENT/);
  });
});
