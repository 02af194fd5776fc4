import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addMultiply, verdict } from './scripts';
import { exampleRepo, integrationReady, removeTempRepos, runGeneration, skipReason, startHarness, type Harness } from './harness';

// Debian's chromium, provisioned by provision/test-tools.sh; playwright-core never downloads a browser.
const CHROMIUM = process.env.LOOM_CHROMIUM ?? '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`no Chromium at ${CHROMIUM}: CI must provision it (bash provision/test-tools.sh installs Debian's chromium)`);
const run = integrationReady && haveBrowser;
const why = !integrationReady ? skipReason : `no Chromium at ${CHROMIUM}; run \`npm run setup\` as root to install Debian's chromium`;
if (!run) console.warn(`\n!!! SKIPPING THE WEB UI BROWSER TEST: ${why} !!!\n`);

/** Screenshots land here; the test prints their paths for CI to keep. */
export const ARTIFACTS = resolve('.loom/test-output');
const LOOM_COLUMNS = ['LoomGeneration', 'LoomOutcome', 'LoomStage', 'LoomVerdict', 'LoomCostUsd'];

describe.skipIf(!run)(`the Temporal Web UI shows Loom's generations${run ? '' : ` (SKIPPED: ${why})`}`, () => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startHarness('web-ui');
    // The flags a closed network needs: no background connections, no sandbox as root.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    removeTempRepos();
  });

  it('filters the list by a Loom search attribute, shows Loom columns, and opens a generation to its outcome', async () => {
    const { uiUrl } = inject('integration') as { uiUrl: string };
    const repo = await exampleRepo();
    const rejected = await runGeneration(h, repo, addMultiply([verdict('REJECTED', 'multiply lacks a test for negative numbers', 0.7)]), { generation: 1 });
    const promoted = await runGeneration(h, repo, addMultiply(), { generation: 2 });
    expect(promoted.record.outcome.kind).toBe('promoted');

    const page = await browser.newPage({ viewport: { width: 1800, height: 900 } });
    try {
      // The filter a person returning after three days types: promoted generations of this repo.
      const query = `LoomRepo="${promoted.record.repoPath}" AND LoomOutcome="promoted"`;
      await page.goto(`${uiUrl}/namespaces/default/workflows?query=${encodeURIComponent(query)}`);
      const link = page.getByRole('link', { name: promoted.workflowId, exact: true });
      // Visibility is eventually consistent: reload until the row appears (bounded).
      for (let i = 0; i < 10 && !(await link.isVisible()); i++) {
        await page.waitForTimeout(1000);
        await page.reload();
      }
      await expect.poll(() => link.isVisible(), { timeout: 15_000 }).toBe(true);
      expect(await page.getByRole('link', { name: rejected.workflowId, exact: true }).count()).toBe(0);

      // Loom's columns, added the way the README tells a newcomer to.
      await page.getByLabel('Configure Columns').click();
      for (const column of LOOM_COLUMNS) await page.getByLabel(`Add ${column} column`).click();
      // Room for them on one screen.
      for (const column of ['Run ID', 'Type', 'End']) await page.getByLabel(`Remove ${column} column`).click();
      await page.getByLabel('Close Workflows Table configuration').click();
      await page.getByText('Configure Workflows Table').waitFor({ state: 'hidden' });
      const header = page.locator('thead');
      for (const column of LOOM_COLUMNS) await expect.poll(() => header.innerText(), { timeout: 10_000 }).toContain(column);
      const row = page.locator('tbody tr').filter({ has: link });
      await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/promoted[\s\S]*promote[\s\S]*APPROVED/);
      const listShot = join(ARTIFACTS, 'webui-promoted-generations.png');
      await page.screenshot({ path: listShot });

      // Open the generation: its page says it was promoted, without opening a payload.
      await link.click();
      await page.getByRole('heading', { name: promoted.workflowId }).waitFor({ timeout: 15_000 });
      await page.getByRole('tab', { name: 'User Metadata' }).click();
      // The UI renders each metadata field's Markdown in its own frame.
      const rendered = async (id: string) => (await page.frameLocator(`#${id}`).locator('body').innerText()).trim();
      await expect.poll(() => rendered('user-metadata-summary'), { timeout: 15_000 }).toContain('Loom gen 2 of calc: Add multiply');
      await expect.poll(() => rendered('user-metadata-current-details'), { timeout: 15_000 }).toMatch(new RegExp(`^Promoted ${(promoted.record.outcome as { sha: string }).sha.slice(0, 12)} into main`));
      expect(await rendered('user-metadata-current-details')).toMatch(/Tests after 4[/⁄]4[\s\S]*Held-out 2[/⁄]2 of the base.s tests[\s\S]*Mutants killed \d+[/⁄]\d+[\s\S]*Review APPROVED \(confidence 0\.9\)/);
      const pageShot = join(ARTIFACTS, 'webui-generation.png');
      await page.screenshot({ path: pageShot, fullPage: true });
      console.log(`Web UI screenshots (CI artifacts): ${listShot} ${pageShot}`);
    } finally {
      await page.close();
    }
  });
});
