/**
 * Every main page checked by axe-core in the browser: no serious or critical violation. The editor's
 * structure commands from the keyboard alone are tested in editor.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { browserSuite } from './browser.ts';
import { startTestServer } from '../helpers.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }

async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe
      .run(document, { resultTypes: ['violations'] });
    return result.violations;
  }) as Violation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

describe('accessibility of the main pages (axe-core)', () => {
  const suite = browserSuite(() => startTestServer({ web: true, seed: true }));

  const PAGES: { name: string; path: string; ready: string; as?: string; then?: (page: Page) => Promise<void> }[] = [
    { name: 'dashboard', path: '/', ready: 'main h1' },
    { name: 'agreements list', path: '/agreements', ready: 'main h1' },
    { name: 'agreement page', path: '/agreements/demo-agreement-01', ready: '.connection-synced' },
    { name: 'meetings list', path: '/meetings?view=list', ready: 'main h1' },
    { name: 'meetings calendar', path: '/meetings?view=month', ready: '.calendar-label' },
    { name: 'meeting page', path: '/meetings/demo-meeting-01', ready: 'main h1' },
    { name: 'cases list', path: '/cases', ready: 'main h1' },
    { name: 'case page', path: '/cases/demo-case-01', ready: 'main h1' },
    { name: 'action items', path: '/action-items', ready: 'main h1' },
    { name: 'statistics', path: '/statistics', ready: 'main h1' },
    {
      name: 'search results', path: '/', ready: 'main h1',
      then: async (page) => {
        const box = page.locator('#global-search');
        await box.fill('thi hành án');
        await page.locator('#search-results li').first().waitFor();
      },
    },
    { name: 'admin users', path: '/admin/users', ready: 'main h1', as: 'admin@demo.concord.vn' },
    { name: 'admin audit', path: '/admin/audit', ready: 'main h1', as: 'admin@demo.concord.vn' },
    { name: 'agencies', path: '/agencies', ready: 'main h1', as: 'admin@demo.concord.vn' },
    { name: 'account', path: '/account', ready: 'main h1' },
  ];

  it('no serious or critical violation on any main page, at 1280 and 390 px', { timeout: 300_000 }, async () => {
    const found: string[] = [];
    const pages = new Map<string, Page>();
    for (const width of [1280, 390]) {
      for (const entry of PAGES) {
        const email = entry.as ?? 'thads@demo.concord.vn';
        const key = `${email}@${width}`;
        let page = pages.get(key);
        if (!page) {
          page = await suite.signedInPage(email, { width, timeout: 15_000 });
          pages.set(key, page);
        }
        await page.goto(`${suite.server.url}${entry.path}`);
        await page.locator(entry.ready).first().waitFor();
        await page.waitForLoadState('networkidle').catch(() => undefined);
        await entry.then?.(page);
        for (const v of await seriousViolations(page)) found.push(`${entry.name} (${width} px): ${v}`);
      }
    }
    expect(found).toEqual([]);
  });
});
