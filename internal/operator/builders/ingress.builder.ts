import type { BotPlatform, Ingress } from '../types.js';
import { DEFAULT_BUILDER_CONFIG, type BuilderConfig } from './builder-config.js';
import { childMeta, childName } from './metadata.js';
import { isDeployed, resolveSpec } from './resolve.js';

/**
 * The Ingress for web, when spec.services.web.ingress asks for one and web has its own
 * Service to route to. With web router or disabled there is no backend, so no Ingress
 * (rather than one that answers 503); it comes back when web returns to rest or hybrid.
 */
export function buildIngress(platform: BotPlatform, config: BuilderConfig = DEFAULT_BUILDER_CONFIG): Ingress | undefined {
  const spec = resolveSpec(platform.spec);
  const web = spec.services.web;
  const ingress = web.ingress;
  if (!ingress || !isDeployed(web.connectionMethod)) return undefined;
  const backend = (service: 'web' | 'bot') => ({ service: { name: childName(platform, service), port: { name: 'http' } } });
  const paths: Ingress['spec']['rules'][number]['http']['paths'] = [];
  // Telegram's webhook on the same host goes to the bot's own pods. The bot mounts its
  // route at the URL's path; with the bot router inside web, '/' already reaches it.
  const hook = webhookOnHost(spec.telegram.mode === 'webhook' ? spec.telegram.webhook?.url : undefined, ingress.host);
  if (hook && isDeployed(spec.services.bot.connectionMethod)) paths.push({ path: hook, pathType: 'Exact', backend: backend('bot') });
  paths.push({ path: '/', pathType: 'Prefix', backend: backend('web') });
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: childMeta(platform, 'web', config),
    spec: {
      ...(ingress.className ? { ingressClassName: ingress.className } : {}),
      ...(ingress.tlsSecretName ? { tls: [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }] } : {}),
      rules: [
        {
          host: ingress.host,
          http: { paths },
        },
      ],
    },
  };
}

/** The webhook URL's path when it points at `host` (and isn't the root), else undefined. */
function webhookOnHost(url: string | undefined, host: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.hostname === host && u.pathname !== '/' ? u.pathname : undefined;
  } catch {
    return undefined;
  }
}
