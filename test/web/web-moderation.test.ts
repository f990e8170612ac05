import { expect } from 'chai';
import type { BotScene } from '../bot/bot-scene.js';
import { Browser, widgetPayload, type WebUnderTest } from './web-under-test.js';
import { webWithBot } from './web-with-bot.js';

describe('web moderation: the dashboard asks, the bot acts on Telegram', () => {
  let scene: BotScene;
  let web: WebUnderTest;
  beforeEach(async () => ({ scene, web } = await webWithBot()));
  afterEach(async () => {
    await web.close();
    await scene.close();
  });

  const signedIn = async (user: { id: number; first_name: string }) => {
    const b = await new Browser(web.url).start();
    expect((await b.call('POST', '/web/v1/auth/telegram', widgetPayload(user))).status).to.equal(200);
    return b;
  };

  it('when an admin signed in to the dashboard mutes a member, then Telegram restricts them and the action is recorded as theirs from web', async () => {
    await web.services.users.upsert(scene.chatId, scene.mod.id, { role: 'moderator' });
    const b = await signedIn({ id: scene.mod.id, first_name: 'Mia' });
    const mark = scene.mark();
    const res = await b.call('POST', `/web/v1/groups/${scene.chatId}/moderation`, { action: 'mute', user_id: scene.member.id, duration: 600, reason: 'flood' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(scene.callsSince(mark, 'restrictChatMember')[0]?.params).to.deep.include({ user_id: scene.member.id });
    const { items } = await web.services.actions.list(scene.chatId, { user_id: scene.member.id });
    expect(items[0]).to.deep.include({ action_type: 'mute', source: 'web', admin_id: scene.mod.id, duration: 600 });
  });

  it('when a member with a dashboard role but no Telegram rights asks for a ban, then 403 and nothing happens on Telegram', async () => {
    await web.services.users.upsert(scene.chatId, scene.other.id, { role: 'moderator' });
    const b = await signedIn({ id: scene.other.id, first_name: 'Ned' });
    const mark = scene.mark();
    const res = await b.call('POST', `/web/v1/groups/${scene.chatId}/moderation`, { action: 'ban', user_id: scene.member.id });
    expect(res.status).to.equal(403);
    expect(res.body.error?.message).to.match(/you need the ban permission/);
    expect(scene.callsSince(mark, 'banChatMember')).to.deep.equal([]);
  });
});
