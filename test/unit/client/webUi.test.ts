import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/loomConfig';
import { repoQuery, webUiBase, workflowsLink } from '../../../client/webUi';

describe('Web UI links', () => {
  it('points at the dev server by default, on LOOM_UI_PORT when set, or at LOOM_UI_URL', () => {
    expect(webUiBase(loadConfig({ env: {} }))).toBe('http://127.0.0.1:8233');
    expect(webUiBase(loadConfig({ env: { LOOM_UI_PORT: '9001' } }))).toBe('http://127.0.0.1:9001');
    expect(webUiBase(loadConfig({ env: { LOOM_UI_URL: 'https://temporal.example.com/ui/', LOOM_UI_PORT: '9001' } }))).toBe('https://temporal.example.com/ui');
  });

  it('lists a namespace, or one repository through its LoomRepo search attribute, URL-encoded', () => {
    expect(workflowsLink('http://127.0.0.1:8233', 'default')).toBe('http://127.0.0.1:8233/namespaces/default/workflows');
    expect(workflowsLink('http://127.0.0.1:8233', 'default', '/home/me/src/my repo')).toBe(
      'http://127.0.0.1:8233/namespaces/default/workflows?query=LoomRepo%3D%22%2Fhome%2Fme%2Fsrc%2Fmy%20repo%22',
    );
    const url = new URL(workflowsLink('https://ui.example', 'prod', '/srv/a&b'));
    expect(url.pathname).toBe('/namespaces/prod/workflows');
    expect(url.searchParams.get('query')).toBe('LoomRepo="/srv/a&b"');
  });

  it('escapes quotes and backslashes inside the query string', () => {
    expect(repoQuery('/x/say "hi"\\')).toBe('LoomRepo="/x/say \\"hi\\"\\\\"');
  });
});
