import { expect } from 'chai';
import { connect, type Connections } from '../../internal/connect/connections.js';
import { createServices } from '../../internal/domain/index.js';
import { AppError } from '../../internal/shared/errors.js';
import { createRegistry, silentLogger } from '../../internal/shared/index.js';
import { createMemoryStore } from '../../internal/store/memory/memory.store.js';
import { ADMIN_KEY, startApi, type ApiUnderTest } from '../api/api-under-test.js';

const G = -1007000000001;
const PERSON = 707070;

/** A person's call made through web's connections: the api must see the person, not web. */
describe("connect: a person's identity reaches the api", () => {
  let connections: Connections | undefined;
  afterEach(async () => connections?.close());
  const web = () => {
    if (!connections) throw new Error('connections are not set up');
    return connections;
  };

  const rejection = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => e as AppError,
    );

  describe('over REST', () => {
    let api: ApiUnderTest;
    beforeEach(async () => {
      api = await startApi();
      await api.call('POST', '/api/v2/groups', { body: { group_id: G, name: 'Identity group' } });
      connections = await connect({
        logger: silentLogger(),
        metrics: createRegistry(),
        defaults: { api: { method: 'rest', url: api.url }, bot: { method: 'disabled' }, web: { method: 'rest' } },
        apiKey: ADMIN_KEY,
        caller: 'web',
      });
    });
    afterEach(() => api.close());

    it("when a person without a role reads a group, then the api refuses them though web's own key could read it", async () => {
      const asPerson = web().apiAs({ userId: PERSON, token: await api.personToken(PERSON) });
      const err = await rejection(asPerson.getGroup(G));
      expect(err).to.be.instanceOf(AppError);
      expect(err?.code).to.equal('FORBIDDEN');
      expect(err?.message).to.equal('you need the members.view permission in this group');
      expect((await web().api.getGroup(G)).name).to.equal('Identity group');
    });

    it('when the person is made an admin, then the same call under their token succeeds, and their change is audited as theirs', async () => {
      await api.call('PUT', `/api/v2/groups/${G}/users/${PERSON}`, { body: { role: 'admin' } });
      const asPerson = web().apiAs({ userId: PERSON, token: await api.personToken(PERSON) });
      expect((await asPerson.getGroup(G)).group_id).to.equal(G);
      expect((await asPerson.myGroups()).items.map((g) => g.group_id)).to.deep.equal([G]);
      expect((await rejection(web().api.myGroups()))?.code, "web's own key has no groups of its own").to.equal('FORBIDDEN');
      await asPerson.updateSettings(G, { warn_limit: 5 });
      const log = await api.call('GET', `/api/v2/groups/${G}/logs?event_type=settings.updated`);
      const [entry] = (log.body.data as { items: { actor: unknown }[] }).items;
      expect(entry?.actor).to.deep.equal({ type: 'person', service: null, user_id: PERSON });
    });

    it("when an admin edits rules over REST, then each change is the api's (created, changed, listed, deleted), a moderator is refused, and a missing rule is 404", async () => {
      await api.call('PUT', `/api/v2/groups/${G}/users/${PERSON}`, { body: { role: 'admin' } });
      await api.call('PUT', `/api/v2/groups/${G}/users/${PERSON + 1}`, { body: { role: 'moderator' } });
      const asAdmin = web().apiAs({ userId: PERSON, token: await api.personToken(PERSON) });
      const created = await asAdmin.createRule(G, { rule_name: 'no-spam', penalty: 'warn', trigger: { type: 'keyword', pattern: 'casino' } });
      expect(created).to.deep.include({ rule_name: 'no-spam', penalty: 'warn', is_active: true });
      expect(created.created_at).to.be.instanceOf(Date);
      expect((await asAdmin.updateRule(G, 'no-spam', { is_active: false })).is_active).to.equal(false);
      expect((await asAdmin.listRules(G)).items.map((r) => [r.rule_name, r.is_active])).to.deep.equal([['no-spam', false]]);
      const asMod = web().apiAs({ userId: PERSON + 1, token: await api.personToken(PERSON + 1) });
      expect((await rejection(asMod.deleteRule(G, 'no-spam')))?.message).to.equal('you need the rules.edit permission in this group');
      await asAdmin.deleteRule(G, 'no-spam');
      expect((await asAdmin.listRules(G)).items).to.deep.equal([]);
      expect((await rejection(asAdmin.deleteRule(G, 'no-spam')))?.code).to.equal('NOT_FOUND');
    });

    it("when an owner edits roles over REST, then create, change, list and delete are the api's, and a built-in role is refused deletion", async () => {
      await api.call('PUT', `/api/v2/groups/${G}/users/${PERSON}`, { body: { role: 'owner' } });
      const asOwner = web().apiAs({ userId: PERSON, token: await api.personToken(PERSON) });
      expect((await asOwner.createRole(G, { name: 'helper', permissions: ['warn'] })).permissions).to.deep.equal(['warn']);
      expect((await asOwner.updateRole(G, 'helper', { permissions: ['warn', 'mute'] })).permissions).to.have.members(['warn', 'mute']);
      expect((await asOwner.listRoles(G)).items.map((r) => r.name)).to.include('helper');
      await asOwner.deleteRole(G, 'helper');
      expect((await asOwner.listRoles(G)).items.map((r) => r.name)).to.not.include('helper');
      expect((await rejection(asOwner.deleteRole(G, 'owner')))?.code).to.equal('CONFLICT');
    });
  });

  describe('in-process (router)', () => {
    it("when a person changes settings through web's in-process api, then the audit log names the person and no service", async () => {
      const services = createServices(createMemoryStore());
      await services.groups.create({ group_id: G, name: 'Identity group' });
      connections = await connect({
        logger: silentLogger(),
        metrics: createRegistry(),
        defaults: { api: { method: 'router' }, bot: { method: 'disabled' }, web: { method: 'router' } },
        apiKey: '',
        caller: 'web',
        localApi: services,
      });
      await connections.apiAs({ userId: PERSON, token: 'unused in-process' }).updateSettings(G, { warn_limit: 4 }, { actorId: 1 });
      const { items } = await services.audit.list(G, { event_type: 'settings.updated' });
      expect(items[0]?.actor).to.deep.equal({ type: 'person', service: null, user_id: PERSON });
    });
  });
});
