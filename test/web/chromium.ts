// What the Chromium suites share: Debian's chromium through playwright-core, and axe-core run in the page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** Screenshots for a person to look at; outside the repository, never committed. */
export const SHOTS = '/tmp/botplatform-dashboard';

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: unknown[];
}

/** axe-core in the page: the serious and critical violations. */
export async function axeProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP (no inline scripts) does not govern.
  await page.evaluate(AXE);
  const violations = await page.evaluate<Violation[]>('axe.run().then((r) => r.violations)');
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
}
