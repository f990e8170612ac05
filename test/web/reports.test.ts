import { expect } from 'chai';
import { Browser, startWeb, widgetPayload, type WebUnderTest } from './web-under-test.js';

const OWNER = { id: 3131, first_name: 'Olga' };
const GROUP = -1005500000001;

describe('web reports (CSV through the api, as the person asking)', () => {
  let web: WebUnderTest;
  beforeEach(async () => {
    web = await startWeb();
    await web.services.groups.create({ group_id: GROUP, name: 'Report group' });
    await web.services.users.upsert(GROUP, OWNER.id, { role: 'owner', first_name: 'Olga' });
    await web.services.users.upsert(GROUP, 3232, { first_name: '=HYPERLINK("http://evil.example")', username: 'evil_one' });
    await web.services.actions.create(GROUP, { user_id: 3232, action_type: 'ban', reason: 'spam, links' }, { actor_id: OWNER.id });
    await web.services.stats.recordActivity(GROUP, { messages: 9, joins: 2 });
  });
  afterEach(() => web.close());

  const download = async (b: Browser, path: string) => {
    const res = await fetch(`${web.url}/web/v1/groups/${GROUP}/reports/${path}`, {
      headers: { cookie: [...b.cookies].map(([n, c]) => `${n}=${c.value}`).join('; ') },
    });
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: await res.text() };
  };
  const signedIn = async (user = OWNER) => {
    const b = await new Browser(web.url).start();
    expect((await b.call('POST', '/web/v1/auth/telegram', widgetPayload(user))).status).to.equal(200);
    return b;
  };

  it('when the owner downloads members, then every member is a row and a formula in a name cannot run', async () => {
    const csv = await download(await signedIn(), 'members.csv');
    expect(csv.status).to.equal(200);
    expect(csv.type).to.equal('text/csv; charset=utf-8');
    expect(csv.disposition).to.equal(`attachment; filename="members-${GROUP}.csv"`);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('user_id,username,first_name,last_name,role,is_active,message_count,joined_at,last_seen_at');
    expect(lines).to.have.length(3);
    expect(lines.find((l) => l.startsWith('3232,'))).to.include(`"'=HYPERLINK(""http://evil.example"")"`);
  });

  it('when actions and daily stats are downloaded for a period, then they match what the api stores', async () => {
    const b = await signedIn();
    const actions = await download(b, 'actions.csv?days=7');
    const [header, row] = actions.text.trimEnd().split('\r\n');
    expect(header).to.equal('id,created_at,action_type,user_id,admin_id,reason,duration,status,source');
    expect(row).to.include(',ban,3232,3131,"spam, links",');
    const stats = await download(b, 'stats.csv?days=7');
    const [head, ...days] = stats.text.trimEnd().split('\r\n');
    expect(head).to.equal('day,messages,joins,leaves,actions');
    expect(days, 'one row per day of the period').to.have.length(7);
    // Summed over the period, so a run across midnight UTC reads the same.
    const sums = days.map((d) => d.split(',').slice(1).map(Number)).reduce((a, r) => a.map((v, i) => v + (r[i] ?? 0)), [0, 0, 0, 0]);
    expect(sums).to.deep.equal([9, 2, 0, 1]);
  });

  it('when someone without the permission or with a bad period asks, then a clear JSON error and no file', async () => {
    const stranger = await signedIn({ id: 3333, first_name: 'Sam' });
    const refused = await download(stranger, 'members.csv');
    expect(refused.status).to.equal(403);
    expect(JSON.parse(refused.text)).to.deep.include({ success: false });
    expect(refused.disposition).to.equal(null);
    const bad = await download(await signedIn(), 'actions.csv?days=0');
    expect(bad.status).to.equal(400);
  });
});
