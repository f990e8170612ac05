import { expect } from 'chai';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeProblems, launchChromium, SHOTS } from './chromium.js';
import { freePort, startProcess, waitUntil, within, type ManagedProcess } from '../harness/process.js';

/**
 * `make run` as a newcomer meets it: the all-in-one process without TELEGRAM_BOT_TOKEN, so the
 * real bot runs against the playground's simulated Telegram, and the printed one-time link
 * signs the browser in as the demo group's owner.
 */
describe('playground: make run without a token, in Chromium', function () {
  this.timeout(90_000);
  let platform: ManagedProcess;
  let web: string;
  let api: string;
  let adminKey: string;
  let link: string;
  let browser: Browser;
  let context: BrowserContext;
  let requested: string[];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const [apiPort, botPort, webPort] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', API_PORT: String(apiPort), BOT_PORT: String(botPort), WEB_PORT: String(webPort) };
    for (const name of ['TELEGRAM_BOT_TOKEN', 'API_KEYS', 'MONGODB_URI', 'REDIS_URL', 'WEB_PUBLIC_URL', 'PLAYGROUND']) delete env[name];
    platform = startProcess('platform', process.execPath, ['--import', 'tsx', 'cmd/platform/main.ts'], { env });
    // What the newcomer reads in the terminal: the link and the run's admin key.
    await waitUntil(platform, () => Promise.resolve(/#playground=/.test(readFileSync(platform.logFile, 'utf8'))), 60_000);
    const out = readFileSync(platform.logFile, 'utf8');
    link = /open (http:\/\/\S+#playground=\S+)/.exec(out)?.[1] ?? '';
    adminKey = /admin key for this run: (\S+)/.exec(out)?.[1] ?? '';
    web = `http://127.0.0.1:${webPort}`;
    api = `http://127.0.0.1:${apiPort}/api/v2`;
    expect(link.startsWith(`${web}/#playground=`), link).to.equal(true);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    requested = [];
    context.on('request', (r) => requested.push(r.url()));
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const apiGet = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${api}${path}`, { headers: { authorization: `Bearer ${adminKey}` } });
    return ((await res.json()) as { data: T }).data;
  };
  const persona = (page: Page, name: string) => page.getByRole('radio', { name: new RegExp(`^${name}\\b`) });

  it('when the printed link is opened, then the browser is signed in as the owner on the playground, where the bot has already introduced itself', async () => {
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { name: 'Playground' }).waitFor();
    expect(page.url(), 'the spent code leaves the address bar').to.not.include('playground=');
    const session = await page.evaluate(() => fetch('/web/v1/auth/session').then((r) => r.json() as Promise<{ data: { user_id: number } }>));
    expect(session.data.user_id).to.equal(100_001);
    await page.getByRole('log').getByText("I'm set up with every right I need").waitFor();
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.screenshot({ path: `${SHOTS}/playground.png`, fullPage: true });
    await page.close();
  });

  it('when the same link is opened again, then it is refused as spent and the browser is not signed in', async () => {
    const other = await browser.newContext();
    const page = await other.newPage();
    await page.goto(link);
    await page.getByRole('alert').getByText('this sign-in link was used already or has expired').waitFor();
    await page.getByText('open the one-time sign-in link').waitFor();
    const status = await page.evaluate(() => fetch('/web/v1/auth/session').then((r) => r.status));
    expect(status).to.equal(401);
    await other.close();
  });

  it('when someone signed out asks for the playground, then 401; the owner (a platform admin in make run) may look at another group but finds no playground there, and may not act in it', async () => {
    const signedOut = await fetch(`${web}/web/v1/groups/-1001234567890/playground`);
    expect(signedOut.status).to.equal(401);
    const created = await fetch(`${api}/groups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ group_id: -1009999999999, name: 'Not simulated' }),
    });
    expect(created.status).to.equal(201);
    const page = await context.newPage();
    await page.goto(`${web}/#/`);
    const look = await page.evaluate<{ status: number; message: string }>(
      `fetch('/web/v1/groups/-1009999999999/playground').then(async (r) => ({ status: r.status, message: (await r.json()).error.message }))`,
    );
    // Looking is allowed (platform admin), and only the demo group is simulated.
    expect(look).to.deep.equal({ status: 404, message: 'a playground for group -1009999999999 not found' });
    const act = await page.evaluate<{ status: number; message: string }>(`fetch('/web/v1/groups/-1009999999999/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': /__Host-bp_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '' },
      body: JSON.stringify({ text: 'hello' }),
    }).then(async (r) => ({ status: r.status, message: (await r.json()).error.message }))`);
    // Acting takes a role there, which Olga has not.
    expect(act).to.deep.equal({ status: 403, message: 'you need the settings.edit permission in this group' });
    await page.close();
    const service = await fetch(`${web}/web/v1/groups/-1009999999999/playground`, { headers: { authorization: `Bearer ${adminKey}` } });
    expect(service.status).to.equal(404);
  });

  it('when a newcomer joins, then the welcome appears in the chat and the api counts the join', async () => {
    const page = await context.newPage();
    await page.goto(`${web}/#/groups/-1001234567890/playground`);
    await persona(page, 'Nina').check();
    await page.getByRole('button', { name: 'Join the group' }).click();
    const log = page.getByRole('log');
    await log.getByText('Nina joined the group').waitFor();
    await log.getByText('Welcome to Playground group, Nina!').waitFor();
    const nina = await apiGet<{ is_active: boolean; first_name: string }>('/groups/-1001234567890/users/100004');
    expect(nina).to.include({ is_active: true, first_name: 'Nina' });
    await page.close();
  });

  it('when people chat in the playground, then the overview open in another tab counts their messages without a reload', async () => {
    const overview = await context.newPage();
    await overview.goto(`${web}/#/groups/-1001234567890`);
    const total = overview.locator('[data-total="messages"]');
    await total.waitFor();
    const before = Number(await total.textContent());
    const page = await context.newPage();
    await page.goto(`${web}/#/groups/-1001234567890/playground`);
    await persona(page, 'Mia').check();
    for (const text of ['hello all', 'meeting at 6']) {
      await page.getByLabel('Message as Mia').fill(text);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByRole('log').getByText(text).waitFor();
    }
    // The bot reports its counts every 2 s and the page redraws on the tick: bounded, not timed.
    await within(20_000, async () => Number(await total.textContent()) >= before + 2);
    const stats = await apiGet<{ totals: { messages: number } }>('/groups/-1001234567890/stats?days=30');
    expect(Number(await total.textContent())).to.equal(stats.totals.messages);
    await overview.screenshot({ path: `${SHOTS}/playground-overview.png`, fullPage: true });
    await page.close();
    await overview.close();
  });

  it("when the demo owner opens the platform page, then it shows each service's connection method and where it came from, the bot running against the playground, and web ready", async () => {
    const page = await context.newPage();
    await page.goto(`${web}/#/`);
    await page.getByRole('link', { name: 'Platform', exact: true }).click();
    await page.getByRole('heading', { name: 'Platform' }).waitFor();
    const row = (name: string) => page.locator(`tr[data-service="${name}"] td`).allTextContents();
    await page.locator('tr[data-service="bot"]').waitFor();
    // One process: every service is reached in-process, by the defaults make run starts with.
    expect((await row('api')).slice(0, 3)).to.deep.equal(['router', 'env', 'reachable']);
    expect((await row('bot'))[2]).to.equal('running (polling, @playground_bot); 0 messages queued');
    expect((await row('web'))[2]).to.match(/^ready/);
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.screenshot({ path: `${SHOTS}/platform.png`, fullPage: true });
    await page.close();
  });

  it('when a member floods, then the bot mutes them for an hour, the playground shows them muted and refuses their next message, and the audit log has it', async () => {
    const page = await context.newPage();
    await page.goto(`${web}/#/groups/-1001234567890/playground`);
    await persona(page, 'Max').check();
    await page.getByRole('button', { name: 'Send 6 quick messages' }).click();
    await page.getByText(/muted until/).waitFor();
    const send = page.getByRole('button', { name: 'Send', exact: true });
    expect(await send.isDisabled(), 'Telegram would not let a muted member post').to.equal(true);
    // The page's own CSRF cookie and token, as the dashboard sends them.
    const refused = await page.evaluate<number>(`fetch('/web/v1/groups/-1001234567890/playground/messages', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': /__Host-bp_csrf=([^;]+)/.exec(document.cookie)?.[1] ?? '' },
      body: JSON.stringify({ as: 'member', text: 'one more' }),
    }).then((r) => r.status)`);
    expect(refused).to.equal(409);
    let actions: { action_type: string; user_id: number; duration: number | null }[] = [];
    await within(15_000, async () => {
      actions = (await apiGet<{ items: typeof actions }>('/groups/-1001234567890/actions')).items;
      return actions.some((a) => a.action_type === 'mute');
    });
    expect(actions.find((a) => a.action_type === 'mute')).to.include({ user_id: 100_003, duration: 3600 });

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.locator('li[data-event="action.mute"]').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/playground-audit.png`, fullPage: true });
    expect(requested.filter((u) => !u.startsWith(`${web}/`) && !u.startsWith('data:'))).to.deep.equal([]);
    await page.close();
  });
});
