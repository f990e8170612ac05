import type { BotPlatform, BotPlatformSpec, ConnectionMethod, ServiceName } from '../types.js';

/**
 * BotPlatforms for tests. Only secret *references* appear: a BotPlatform has no field
 * that could carry a secret value, which is what keeps values out of built objects.
 */
export function platformFixture(spec: Partial<BotPlatformSpec> = {}, metadata: Partial<BotPlatform['metadata']> = {}): BotPlatform {
  return {
    apiVersion: 'botplatform.io/v1alpha1',
    kind: 'BotPlatform',
    metadata: { name: 'demo', namespace: 'bots', uid: '0b6f3c1e-5d2a-4e8b-9c7d-1a2b3c4d5e6f', generation: 3, ...metadata },
    spec: {
      image: 'registry.example.com/botplatform:0.1.0',
      telegram: { tokenSecretRef: { name: 'demo-telegram', key: 'token' } },
      mongodb: { uriSecretRef: { name: 'demo-mongo', key: 'uri' } },
      redis: { url: 'redis://redis.bots.svc:6379' },
      ...spec,
    },
  };
}

export type Methods = Record<ServiceName, ConnectionMethod>;

/** A platform with the given connection methods and otherwise default services. */
export function withMethods(methods: Methods, base: BotPlatform = platformFixture()): BotPlatform {
  const services = base.spec.services ?? {};
  return {
    ...base,
    spec: {
      ...base.spec,
      services: {
        api: { ...services.api, connectionMethod: methods.api },
        bot: { ...services.bot, connectionMethod: methods.bot },
        web: { ...services.web, connectionMethod: methods.web },
      },
    },
  };
}

/** Every combination of connection methods for api, bot and web (4^3 = 64). */
export function allMethodCombinations(): Methods[] {
  const methods: ConnectionMethod[] = ['router', 'rest', 'hybrid', 'disabled'];
  return methods.flatMap((api) => methods.flatMap((bot) => methods.map((web) => ({ api, bot, web }))));
}

export const describeMethods = (m: Methods): string => `api=${m.api} bot=${m.bot} web=${m.web}`;
