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
  const web = resolveSpec(platform.spec).services.web;
  const ingress = web.ingress;
  if (!ingress || !isDeployed(web.connectionMethod)) return undefined;
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
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: childName(platform, 'web'), port: { name: 'http' } } } }] },
        },
      ],
    },
  };
}
