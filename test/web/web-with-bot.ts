import { botService } from '../../internal/bot/bot.service.js';
import { moderateForWeb } from '../../internal/bot/moderation/web-moderation.js';
import { inProcessApiClient } from '../../internal/connect/api.in-process.js';
import { auditEvent } from '../../internal/domain/audit/audit-event.js';
import { createServices } from '../../internal/domain/index.js';
import { MemoryGroupEventBus } from '../../internal/shared/events/group-events.js';
import { createMemoryStore } from '../../internal/store/memory/memory.store.js';
import { startBotScene, type BotScene } from '../bot/bot-scene.js';
import { startWeb, type WebUnderTest } from './web-under-test.js';

/** web hosting the bot in-process (router) against the fake Telegram, both on one api. */
export async function webWithBot(): Promise<{ scene: BotScene; web: WebUnderTest }> {
  const events = new MemoryGroupEventBus();
  const services = createServices(createMemoryStore(), { onAudit: (e) => events.publish(auditEvent(e)) });
  const scene = await startBotScene({ services });
  const localBot = botService({
    telegram: scene.bot.telegraf.telegram,
    api: inProcessApiClient(services, 'bot'),
    mode: 'polling',
    username: scene.bot.deps.me.username ?? null,
    running: () => true,
    queueDepth: () => scene.bot.queueDepth(),
    moderate: (groupId, input, actorId) => moderateForWeb(scene.bot.deps, groupId, input, actorId),
  });
  const web = await startWeb({ services, events, localBot });
  return { scene, web };
}
