import { expect } from 'chai';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { within } from '../harness/process.js';
import { axeProblems, launchChromium, SHOTS } from './chromium.js';
import { signedInitData, startWeb, widgetPayload, type WebUnderTest } from './web-under-test.js';
import { webWithBot } from './web-with-bot.js';

const OWNER = { id: 5050, first_name: 'Olga', username: 'olga_owner' };
const STRANGER = { id: 6060, first_name: 'Sam' };
const GROUP = -1008000000001;

/** The widget's redirect back from oauth.telegram.org: the signed payload, base64 JSON in the fragment. */
const widgetReturn = (user: { id: number; first_name: string; username?: string }) =>
  `#tgAuthResult=${Buffer.from(JSON.stringify(widgetPayload(user))).toString('base64url')}`;

describe('dashboard in Chromium (Debian chromium, playwright-core)', function () {
  this.timeout(60_000);
  let browser: Browser;
  let web: WebUnderTest;
  let context: BrowserContext;
  /** Every URL any page of the context asked for. */
  let requested: string[];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  });
  after(() => browser.close());

  beforeEach(async () => {
    web = await startWeb();
    await web.services.groups.create({ group_id: GROUP, name: 'Chess club' });
    await web.services.users.upsert(GROUP, OWNER.id, { role: 'owner', first_name: 'Olga', username: 'olga_owner' });
    for (let i = 0; i < 3; i++) await web.services.users.upsert(GROUP, 7000 + i, { first_name: `Member${i}`, username: `member_${i}` });
    await web.services.stats.recordActivity(GROUP, { messages: 42, joins: 3, leaves: 1 });
    await web.services.actions.create(GROUP, { user_id: 7000, action_type: 'warn', reason: 'spam' }, { actor_id: OWNER.id });
    context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    requested = [];
    context.on('request', (r) => requested.push(r.url()));
  });
  afterEach(async () => {
    await context.close();
    await web.close();
  });

  const open = async (hash = '') => {
    const page = await context.newPage();
    await page.goto(`${web.url}/${hash}`);
    return page;
  };
  const signedIn = async (user: { id: number; first_name: string; username?: string } = OWNER) => {
    const page = await open(widgetReturn(user));
    await page.getByRole('heading', { name: 'Your groups' }).waitFor();
    return page;
  };
  const outsideOrigin = () => requested.filter((u) => !u.startsWith(`${web.url}/`) && !u.startsWith('data:'));

  it('when someone opens the dashboard signed out, then the sign-in page offers Telegram sign-in, and nothing is fetched from another origin', async () => {
    const page = await open();
    const link = page.getByRole('link', { name: 'Sign in with Telegram' });
    await link.waitFor();
    const href = new URL((await link.getAttribute('href')) ?? '');
    expect(href.origin).to.equal('https://oauth.telegram.org');
    expect(href.searchParams.get('bot_id')).to.equal('777000');
    expect(href.searchParams.get('origin')).to.equal(web.url);
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.screenshot({ path: `${SHOTS}/sign-in.png` });
    expect(outsideOrigin()).to.deep.equal([]);
  });

  it('when the widget returns a signed payload, then the owner lands on their groups, the overview matches the api, and members are listed', async () => {
    const page = await signedIn();
    expect(page.url(), 'the signed payload is dropped from the address').to.not.include('tgAuthResult');
    // The card says how active the group is and that the bot is in it.
    expect(await page.locator(`[data-activity="${GROUP}"]`).textContent()).to.equal('42 messages in 7 days');
    expect(await page.getByText('bot removed').count()).to.equal(0);
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.screenshot({ path: `${SHOTS}/groups.png` });

    await web.services.stats.recordActivity(GROUP, { messages: 5, user_id: 7001 });
    await web.services.stats.recordActivity(GROUP, { messages: 2, user_id: 7002 });
    await page.getByRole('link', { name: /Chess club/ }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const stats = await web.services.stats.groupStats(GROUP, { days: 30 });
    for (const key of ['messages', 'joins', 'leaves', 'active_members'] as const) {
      expect(await page.locator(`[data-total="${key}"]`).textContent(), key).to.equal(String(stats.totals[key]));
    }
    expect(await page.locator('.bars li').first().textContent()).to.include('warn');
    // Most active members link to their pages, most first; every message of the period is in some hour.
    expect(await page.locator('ol.top li').allTextContents()).to.deep.equal(['Member1 5', 'Member2 2']);
    const perHour = (await page.locator('ol.hours li .sr-only').allTextContents()).filter((x) => x.endsWith('messages')).map((x) => Number.parseInt(x, 10));
    expect(perHour).to.have.length(24);
    expect(perHour.reduce((a, b) => a + b, 0)).to.equal(stats.totals.messages);
    await page.locator('canvas').nth(1).waitFor(); // uPlot draws after the render that brought the numbers
    expect(await page.locator('canvas').count(), 'two charts').to.equal(2);
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.screenshot({ path: `${SHOTS}/overview.png`, fullPage: true });

    const csv = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Moderation actions' }).click();
    const file = await csv;
    expect(file.suggestedFilename()).to.equal(`actions-${GROUP}-30d.csv`);
    expect(readFileSync(await file.path(), 'utf8')).to.include(',warn,7000,5050,spam,');
    const png = page.waitForEvent('download');
    await page.getByRole('button', { name: 'PNG' }).first().click();
    const image = await png;
    expect(image.suggestedFilename()).to.equal('messages-per-day.png');
    expect(
      readFileSync(await image.path())
        .subarray(1, 4)
        .toString(),
    ).to.equal('PNG');

    await page.getByRole('link', { name: 'Members' }).click();
    await page.getByRole('heading', { name: 'Members' }).waitFor();
    await page.getByRole('cell', { name: '@member_2', exact: true }).waitFor();
    expect(await page.locator('table.members tbody tr').count()).to.equal(4);
    await page.getByLabel('Name or @username').fill('@member_1');
    await page.locator('table.members tbody tr', { hasText: '@member_2' }).waitFor({ state: 'detached' });
    await page.locator('table.members tbody tr', { hasText: '@member_1' }).waitFor();
    expect(await page.locator('table.members tbody tr').count(), 'the search narrows the list').to.equal(1);
    await page.getByLabel('Name or @username').fill('');
    await page.getByRole('cell', { name: '@member_2', exact: true }).waitFor();
    await page.getByLabel('Role').selectOption('owner');
    // While the filtered page loads the table is empty: wait for the old rows to go and the answer to come.
    await page.locator('table.members tbody tr', { hasText: '@member_0' }).waitFor({ state: 'detached' });
    await page.locator('table.members tbody tr', { hasText: '@olga_owner' }).waitFor();
    expect(await page.locator('table.members tbody tr').count()).to.equal(1);
    expect(await page.locator('table.members tbody tr').first().textContent()).to.include('@olga_owner');
    // State: who left. Member2 leaves; "left the group" lists only them.
    await web.services.users.upsert(GROUP, 7002, { is_active: false });
    await page.getByLabel('Role').selectOption('');
    await page.getByLabel('State').selectOption('false');
    await page.locator('table.members tbody tr', { hasText: '@olga_owner' }).waitFor({ state: 'detached' });
    await page.locator('table.members tbody tr', { hasText: '@member_2' }).waitFor();
    expect(await page.locator('table.members tbody tr').count()).to.equal(1);
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.screenshot({ path: `${SHOTS}/members.png`, fullPage: true });
    expect(outsideOrigin()).to.deep.equal([]);
  });

  it('when an action is recorded, then the audit page open in a second browser shows it without a reload', async () => {
    const first = await signedIn();
    await first.goto(`${web.url}/#/groups/${GROUP}/audit`);
    const second = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      second.on('request', (r) => requested.push(r.url()));
      const other = await second.newPage();
      await other.goto(`${web.url}/${widgetReturn(OWNER)}`);
      await other.getByRole('heading', { name: 'Your groups' }).waitFor();
      await other.goto(`${web.url}/#/groups/${GROUP}/audit`);
      await other.getByText('Live: new entries appear as they happen.').waitFor();
      await other.locator('li[data-event="action.warn"]').waitFor(); // the seeded warn, from the list
      await web.services.actions.create(GROUP, { user_id: 7001, action_type: 'ban', reason: 'raid' }, { actor_id: OWNER.id });
      await other.locator('li[data-event="action.ban"]').waitFor();
      await first.locator('li[data-event="action.ban"]').waitFor();
      expect(await other.locator('ol.log li').first().getAttribute('data-event'), 'newest first').to.equal('action.ban');
      expect(await axeProblems(other)).to.deep.equal([]);
      await other.screenshot({ path: `${SHOTS}/audit.png` });
    } finally {
      await second.close();
    }
    expect(outsideOrigin()).to.deep.equal([]);
  });

  it('when the audit log is filtered by type, member, actor and dates, then the list shows only what matches, and a live entry that does not match stays out', async () => {
    await web.services.actions.create(GROUP, { user_id: 7001, action_type: 'ban', reason: 'raid' }, { actor_id: OWNER.id });
    await web.services.actions.create(GROUP, { user_id: 7000, action_type: 'mute', reason: 'caps' }, { actor_id: 5051 });
    const page = await signedIn();
    await page.goto(`${web.url}/#/groups/${GROUP}/audit`);
    await page.getByText('Live: new entries appear as they happen.').waitFor();
    // One look at the whole list (a locator per item would wait on items that a reload just removed).
    const shown = () => page.evaluate<string[]>(`[...document.querySelectorAll('ol.log li')].map((li) => li.dataset.event)`);
    // The list reloads after each change of filter: wait for it to settle on what is expected, then say what it showed.
    const expectShown = async (expected: string[]) => {
      let last: string[] = [];
      await within(10_000, async () => JSON.stringify((last = await shown())) === JSON.stringify(expected)).catch(() => undefined);
      expect(last).to.deep.equal(expected);
    };
    await page.locator('li[data-event="action.mute"]').waitFor();

    await page.getByLabel('Member (Telegram id)').fill('7000');
    // The member's own record being saved is about them too.
    await expectShown(['action.mute', 'action.warn', 'user.upserted']);
    await page.getByLabel('Actor (Telegram id)').fill(String(OWNER.id));
    await expectShown(['action.warn']);
    // Live: a new warn of 7000 by the owner matches; a ban of 7001 does not.
    await web.services.actions.create(GROUP, { user_id: 7001, action_type: 'ban', reason: 'again' }, { actor_id: OWNER.id });
    await web.services.actions.create(GROUP, { user_id: 7000, action_type: 'warn', reason: 'live' }, { actor_id: OWNER.id });
    await page.locator('ol.log li', { hasText: 'warn user 7000' }).nth(1).waitFor();
    await expectShown(['action.warn', 'action.warn']);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Type').selectOption('action.ban');
    await expectShown(['action.ban', 'action.ban']);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('To', { exact: true }).fill(yesterday);
    await page.getByText('No entries match.').waitFor();
    expect(await axeProblems(page)).to.deep.equal([]);
  });

  it('when the owner changes a setting, then the api stores it; a bad value is named at its field; a change made meanwhile is not overwritten', async () => {
    const page = await signedIn();
    await page.goto(`${web.url}/#/groups/${GROUP}/settings`);
    const limit = page.getByLabel('Warnings before the warn mode applies');
    await limit.waitFor();
    expect(await page.locator('label[for="f-welcome_message"]').textContent(), 'the placeholders are named').to.include('{first}, {mention}');
    await page.getByLabel(/^Welcome text/).fill('Hi {first}, welcome to {chatname}!');
    await page.locator('.preview', { hasText: 'Preview: Hi Ada, welcome to botplatform!' }).waitFor();
    await limit.fill('5');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const stored = await web.services.settings.get(GROUP);
    expect(stored).to.deep.include({ warn_limit: 5, welcome_message: 'Hi {first}, welcome to {chatname}!' });

    await limit.fill('0');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#p-warn_limit').waitFor();
    expect(await page.locator('#p-warn_limit').textContent()).to.match(/>=1/);
    expect((await web.services.settings.get(GROUP)).warn_limit, 'nothing changed').to.equal(5);
    expect(await axeProblems(page)).to.deep.equal([]);
    await page.screenshot({ path: `${SHOTS}/settings.png`, fullPage: true });

    // Someone else saves meanwhile (the bot's /setwarnlimit, say): this page's save must not overwrite it.
    await web.services.settings.update(GROUP, { warn_limit: 7 }, { actor_id: 1234 });
    await limit.fill('3');
    await page.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByRole('alert');
    await conflict.waitFor();
    expect(await conflict.textContent()).to.match(/changed by user 1234 at .* since you read them/);
    expect((await web.services.settings.get(GROUP)).warn_limit).to.equal(7);
    await page.getByRole('button', { name: 'Reload' }).click();
    // The reloaded form replaces the old one (and its alert) once the fresh settings arrive.
    await conflict.waitFor({ state: 'detached' });
    expect(await page.getByLabel('Warnings before the warn mode applies').inputValue()).to.equal('7');
  });

  it('when the owner sets goodbye, warn mode and duration, the antiflood action and locks, then the api stores exactly that; a timed mode without a duration is named at its field', async () => {
    const page = await signedIn();
    await page.goto(`${web.url}/#/groups/${GROUP}/settings`);
    await page.getByLabel('Say goodbye when someone leaves').check();
    await page.getByLabel(/^Goodbye text/).fill('Bye {first}!');
    await page.locator('.preview', { hasText: 'Preview: Bye Ada!' }).waitFor();
    await page.getByLabel('What the limit brings').selectOption('tmute');
    const duration = page.getByLabel('For how many seconds (tban, tmute)');
    await duration.fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('#p-warn_mode_duration').getByText('tban and tmute need warn_mode_duration').waitFor();
    expect((await web.services.settings.get(GROUP)).warn_mode, 'nothing changed').to.equal('ban');

    await duration.fill('3600');
    await page.getByLabel('Then', { exact: true }).selectOption('tban');
    await page.getByRole('checkbox', { name: 'links', exact: true }).check();
    await page.getByRole('checkbox', { name: 'stickers', exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const stored = await web.services.settings.get(GROUP);
    expect(stored).to.deep.include({ goodbye_message_enabled: true, goodbye_message: 'Bye {first}!', warn_mode: 'tmute', warn_mode_duration: 3600 });
    expect(stored.antiflood.action).to.equal('tban');
    expect(stored.locks).to.have.members(['links', 'stickers']);
    expect(await axeProblems(page)).to.deep.equal([]);
  });

  it('when the owner creates, pauses and deletes a rule on the rules page, then the api has each change; a pattern RE2 cannot run is refused at its field', async () => {
    const page = await signedIn();
    await page.goto(`${web.url}/#/groups/${GROUP}/rules`);
    await page.getByText('No rules yet').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('no-casino');
    await page.getByLabel('Trigger').selectOption('regex');
    await page.getByLabel('Keyword or pattern').fill('(?=casino)');
    await page.getByLabel('Penalty', { exact: true }).selectOption('mute');
    await page.getByLabel('For how many seconds (empty: until lifted)').fill('3600');
    await page.getByRole('button', { name: 'Create rule' }).click();
    await page.getByRole('alert').getByText('trigger.pattern').waitFor();
    expect((await web.services.rules.list(GROUP, {})).items, 'nothing stored').to.deep.equal([]);

    await page.getByLabel('Keyword or pattern').fill('casino|bet365');
    await page.getByRole('button', { name: 'Create rule' }).click();
    await page.locator('tr[data-rule="no-casino"]').waitFor();
    const [rule] = (await web.services.rules.list(GROUP, {})).items;
    expect(rule).to.deep.include({
      rule_name: 'no-casino',
      penalty: 'mute',
      penalty_duration: 3600,
      is_active: true,
      trigger: { type: 'regex', pattern: 'casino|bet365' },
    });
    expect(await axeProblems(page)).to.deep.equal([]);

    await page.getByLabel('Rule no-casino active').uncheck();
    await within(10_000, async () => (await web.services.rules.get(GROUP, 'no-casino')).is_active === false);
    await page.getByRole('button', { name: 'Delete rule no-casino' }).click();
    await page.getByText('No rules yet').waitFor();
    expect((await web.services.rules.list(GROUP, {})).items).to.deep.equal([]);
  });

  it('when the owner creates a role and changes what moderators may do, then the api stores it; a built-in role cannot be deleted, and an admin without roles.manage is refused', async () => {
    const page = await signedIn();
    await page.goto(`${web.url}/#/groups/${GROUP}/roles`);
    const mod = page.locator('form[data-role="moderator"]');
    await mod.getByRole('checkbox', { name: 'pin', exact: true }).check();
    await mod.getByRole('button', { name: 'Save moderator' }).click();
    await mod.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect((await web.services.roles.get(GROUP, 'moderator')).permissions).to.include('pin');

    await page.getByLabel('Role name').fill('helper');
    const fresh = page.getByRole('group', { name: 'What helper may do' });
    await fresh.getByRole('checkbox', { name: 'warn', exact: true }).check();
    await fresh.getByRole('checkbox', { name: 'members.view', exact: true }).check();
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.locator('form[data-role="helper"]').waitFor();
    expect((await web.services.roles.get(GROUP, 'helper')).permissions).to.have.members(['warn', 'members.view']);

    const owner = page.locator('form[data-role="owner"]');
    expect(await owner.getByRole('checkbox', { name: 'roles.manage', exact: true }).isDisabled(), 'the owner keeps every permission').to.equal(true);
    await owner.getByRole('button', { name: 'Delete owner' }).click();
    await owner.getByRole('alert').waitFor();
    expect((await web.services.roles.get(GROUP, 'owner')).name, 'still there').to.equal('owner');
    expect(await axeProblems(page)).to.deep.equal([]);

    await web.services.users.upsert(GROUP, 5052, { role: 'admin' });
    const adminContext = await browser.newContext();
    try {
      const asAdmin = await adminContext.newPage();
      await asAdmin.goto(`${web.url}/${widgetReturn({ id: 5052, first_name: 'Ann' })}`);
      await asAdmin.getByRole('heading', { name: 'Your groups' }).waitFor();
      await asAdmin.goto(`${web.url}/#/groups/${GROUP}/roles`);
      const admin = asAdmin.locator('form[data-role="admin"]');
      await admin.getByRole('checkbox', { name: 'roles.manage', exact: true }).check();
      await admin.getByRole('button', { name: 'Save admin' }).click();
      await admin.getByRole('alert').filter({ hasText: 'you need the roles.manage permission in this group' }).waitFor();
      expect((await web.services.roles.get(GROUP, 'admin')).permissions, 'no one gave themselves more').to.not.include('roles.manage');
    } finally {
      await adminContext.close();
    }
  });

  it('when a platform admin without a role signs in, then they see every group and its overview, the platform page too, and a change is still refused', async () => {
    const admin = await startWeb({ platformAdmins: [9191] });
    try {
      await admin.services.groups.create({ group_id: GROUP, name: 'Chess club' });
      await admin.services.groups.create({ group_id: GROUP - 1, name: 'Go club' });
      const page = await context.newPage();
      await page.goto(`${admin.url}/${widgetReturn({ id: 9191, first_name: 'Pat' })}`);
      await page.getByRole('heading', { name: 'Your groups' }).waitFor();
      await page.getByRole('link', { name: /Go club/ }).waitFor();
      await page.getByRole('link', { name: /Chess club/ }).click();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      await page.locator('[data-total="messages"]').waitFor();
      await page.getByRole('link', { name: 'Platform', exact: true }).waitFor();
      await page.goto(`${admin.url}/#/groups/${GROUP}/settings`);
      await page.getByLabel('Warnings before the warn mode applies').fill('4');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('alert').filter({ hasText: 'you need the settings.edit permission in this group' }).waitFor();
      expect((await admin.services.settings.get(GROUP)).warn_limit, 'nothing changed').to.equal(3);
    } finally {
      await admin.close();
    }
  });

  it('when a person who is not a platform admin is signed in, then no Platform link shows and the platform page says who may see it', async () => {
    const page = await signedIn();
    await page
      .getByRole('link', { name: 'Sign out' })
      .or(page.getByRole('button', { name: 'Sign out' }))
      .waitFor();
    expect(await page.getByRole('link', { name: 'Platform', exact: true }).count()).to.equal(0);
    await page.goto(`${web.url}/#/platform`);
    await page.getByRole('alert').getByText('the platform page is for platform admins').waitFor();
  });

  it('when a person without a role opens a group, then they read which permission they need, not a blank page', async () => {
    const page = await signedIn(STRANGER);
    await page.getByText('You manage no groups yet', { exact: false }).waitFor();
    await page.goto(`${web.url}/#/groups/${GROUP}/members`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).to.include('You need the members.view permission in this group to see this.');
    expect(await axeProblems(page)).to.deep.equal([]);
  });

  it('when opened as a Mini App with signed initData, then the person is signed in and the page follows Telegram language and theme', async () => {
    const theme = encodeURIComponent(JSON.stringify({ bg_color: '#17212b', text_color: '#f5f5f5', button_color: '#5288c1' }));
    const initData = signedInitData({ ...OWNER, language_code: 'ru' });
    const page = await open(`#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=7.0&tgWebAppThemeParams=${theme}`);
    await page.getByRole('heading', { name: 'Ваши группы' }).waitFor();
    expect(await page.evaluate("document.documentElement.style.getPropertyValue('--bg')")).to.equal('#17212b');
    expect(await page.evaluate('document.documentElement.lang')).to.equal('ru');
  });

  it('when the person signs out, then the page returns to sign-in and the old session is refused', async () => {
    const page = await signedIn();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in with Telegram' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/web/v1/auth/session')).status);
    expect(status).to.equal(401);
    const cookies = await context.cookies();
    expect(cookies.map((c) => c.name)).to.not.include('__Host-bp_access');
  });

  it('when the widget payload is forged, then the page stays on sign-in and says why', async () => {
    const forged = Buffer.from(JSON.stringify({ ...widgetPayload(OWNER), id: 1 })).toString('base64url');
    const page = await open(`#tgAuthResult=${forged}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).to.equal('the sign-in data is not signed by this bot');
    await page.getByRole('link', { name: 'Sign in with Telegram' }).waitFor();
  });

  it('when Swagger UI is opened, then it loads only from web itself', async () => {
    const page = await open();
    await page.goto(`${web.url}/docs`);
    await page.locator('.swagger-ui').waitFor();
    await page.getByText('botplatform web').first().waitFor();
    expect(outsideOrigin()).to.deep.equal([]);
  });

  it('when a moderator bans a member from the members page, then the bot bans on Telegram, a second browser sees it live, and Undo unbans', async () => {
    const { scene, web: hosted } = await webWithBot();
    try {
      await hosted.services.users.upsert(scene.chatId, scene.mod.id, { role: 'moderator' });
      await hosted.services.users.upsert(scene.chatId, scene.member.id, { username: scene.member.username ?? null, first_name: 'Max' });
      const asMod = async (ctx: BrowserContext) => {
        const page = await ctx.newPage();
        await page.goto(
          `${hosted.url}/#tgAuthResult=${Buffer.from(JSON.stringify(widgetPayload({ id: scene.mod.id, first_name: 'Mia' }))).toString('base64url')}`,
        );
        await page.getByRole('heading', { name: 'Your groups' }).waitFor();
        return page;
      };
      const watcherContext = await browser.newContext();
      try {
        const watcher = await asMod(watcherContext);
        await watcher.goto(`${hosted.url}/#/groups/${scene.chatId}/audit`);
        await watcher.getByText('Live: new entries appear as they happen.').waitFor();

        const page = await asMod(context);
        await page.goto(`${hosted.url}/#/groups/${scene.chatId}/members`);
        const form = page.getByRole('form', { name: `Moderate @${scene.member.username}` });
        await form.getByLabel('Action').selectOption('ban');
        await form.getByLabel('Duration').selectOption('1d');
        await form.getByLabel('Reason').fill('raid');
        const mark = scene.mark();
        await form.getByRole('button', { name: 'Apply' }).click();
        await form.getByRole('status').waitFor();
        const [ban] = scene.callsSince(mark, 'banChatMember');
        expect(ban?.params).to.deep.include({ chat_id: scene.chatId, user_id: scene.member.id });
        const { items } = await hosted.services.actions.list(scene.chatId, { user_id: scene.member.id });
        expect(items[0]).to.deep.include({ action_type: 'ban', source: 'web', admin_id: scene.mod.id, duration: 86_400, reason: 'raid' });
        expect(await axeProblems(page)).to.deep.equal([]);

        const entry = watcher.locator('li[data-event="action.ban"]');
        await entry.waitFor();
        const undoMark = scene.mark();
        await entry.getByRole('button', { name: /^Undo/ }).click();
        await entry.getByRole('status').waitFor();
        expect(scene.callsSince(undoMark, 'unbanChatMember')[0]?.params).to.deep.include({ user_id: scene.member.id, only_if_banned: true });
        await watcher.locator('li[data-event="action.unban"]').waitFor();
        expect(await axeProblems(watcher)).to.deep.equal([]);
        await watcher.screenshot({ path: `${SHOTS}/undo.png` });
      } finally {
        await watcherContext.close();
      }
    } finally {
      await hosted.close();
      await scene.close();
    }
  });

  it("when an admin opens a member's page, then it shows who they are; a warn from it counts and shows in the history, revoking it drops the count, the owner changes the role and a moderator may not", async () => {
    const { scene, web: hosted } = await webWithBot();
    try {
      await hosted.services.users.upsert(scene.chatId, scene.owner.id, { role: 'owner' });
      await hosted.services.users.upsert(scene.chatId, scene.mod.id, { role: 'moderator' });
      await hosted.services.users.upsert(scene.chatId, scene.member.id, { username: scene.member.username ?? null, first_name: 'Max' });
      await hosted.services.stats.recordActivity(scene.chatId, { messages: 4, user_id: scene.member.id });
      const signInAs = async (ctx: BrowserContext, user: { id: number; first_name: string }) => {
        const page = await ctx.newPage();
        await page.goto(`${hosted.url}/#tgAuthResult=${Buffer.from(JSON.stringify(widgetPayload(user))).toString('base64url')}`);
        await page.getByRole('heading', { name: 'Your groups' }).waitFor();
        return page;
      };
      const page = await signInAs(context, { id: scene.owner.id, first_name: 'Olga' });
      await page.goto(`${hosted.url}/#/groups/${scene.chatId}/members`);
      await page.getByRole('link', { name: 'Max', exact: true }).click();
      await page.getByRole('heading', { name: 'Max' }).waitFor();
      expect(page.url()).to.match(new RegExp(`#/groups/${scene.chatId}/members/${scene.member.id}$`));
      await page.getByText(`@${scene.member.username}`).waitFor();
      expect(await page.locator('.facts dd').nth(3).textContent(), 'messages').to.equal('4');
      await page.getByText('0 of 3 warnings active').waitFor();
      await page.getByText('No moderation actions for this member.').waitFor();

      const form = page.getByRole('form', { name: `Moderate @${scene.member.username}` });
      await form.getByLabel('Reason').fill('off topic');
      await form.getByRole('button', { name: 'Apply' }).click();
      // The bot's line as the group reads it: the mention is a name, not markup.
      await form.getByRole('status').filter({ hasText: 'Warned Max (1/3). Reason: off topic' }).waitFor();
      await page.getByText('1 of 3 warnings active').waitFor();
      await page.locator('ol.log li', { hasText: 'warn' }).filter({ hasText: 'off topic' }).waitFor();
      const mark = scene.mark();
      await page.getByRole('button', { name: 'Revoke the latest warning' }).click();
      await page.getByText('0 of 3 warnings active').waitFor();
      expect((await hosted.services.actions.warnings(scene.chatId, scene.member.id)).count).to.equal(0);
      expect(scene.callsSince(mark, 'sendMessage').length, 'the bot says so in the group').to.equal(1);
      expect(await axeProblems(page)).to.deep.equal([]);
      await page.screenshot({ path: `${SHOTS}/member.png`, fullPage: true });

      await page.getByLabel('Role').selectOption('moderator');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
      expect((await hosted.services.users.get(scene.chatId, scene.member.id)).role).to.equal('moderator');

      const modContext = await browser.newContext();
      try {
        const asMod = await signInAs(modContext, { id: scene.mod.id, first_name: 'Mia' });
        await asMod.goto(`${hosted.url}/#/groups/${scene.chatId}/members/${scene.member.id}`);
        await asMod.getByRole('heading', { name: 'Max' }).waitFor();
        await asMod.getByLabel('Role').selectOption('admin');
        await asMod.getByRole('button', { name: 'Save' }).click();
        await asMod.getByRole('alert').filter({ hasText: 'you need the roles.manage permission in this group' }).waitFor();
        expect((await hosted.services.users.get(scene.chatId, scene.member.id)).role, 'nothing changed').to.equal('moderator');
      } finally {
        await modContext.close();
      }
    } finally {
      await hosted.close();
      await scene.close();
    }
  });

  it('when an admin sends an announcement from the dashboard, then the bot posts exactly that text in the group', async () => {
    const { scene, web: hosted } = await webWithBot();
    try {
      await hosted.services.users.upsert(scene.chatId, scene.mod.id, { role: 'admin' });
      const page = await context.newPage();
      await page.goto(
        `${hosted.url}/#tgAuthResult=${Buffer.from(JSON.stringify(widgetPayload({ id: scene.mod.id, first_name: 'Mia' }))).toString('base64url')}`,
      );
      await page.getByRole('heading', { name: 'Your groups' }).waitFor();
      await page.goto(`${hosted.url}/#/groups/${scene.chatId}/announce`);
      const text = 'Meeting tonight at 8 <b>sharp</b> & on time';
      await page.getByLabel('Message to the group (sent by the bot)').fill(text);
      const mark = scene.mark();
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByRole('status').filter({ hasText: 'Sent to the group.' }).waitFor();
      const [sent] = scene.callsSince(mark, 'sendMessage');
      expect(sent?.params).to.deep.include({ chat_id: scene.chatId, text });
      expect(await axeProblems(page)).to.deep.equal([]);
    } finally {
      await hosted.close();
      await scene.close();
    }
  });
});
