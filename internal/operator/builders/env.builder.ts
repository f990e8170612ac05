import { SERVICE_PORTS, type BotPlatform, type EnvVar, type SecretKeyRef, type ServiceName } from '../types.js';
import { CONNECTIONS_FILE, PLATFORM_SECRET_KEYS, platformSecretName } from './builder-config.js';
import { resolveSpec } from './resolve.js';

const fromSecret = (name: string, ref: SecretKeyRef): EnvVar => ({
  name,
  valueFrom: { secretKeyRef: { name: ref.name, key: ref.key } },
});

/**
 * The env of a service's container (DESIGN.md section 5), in that section's order.
 * Every service gets the same set apart from SERVICE_NAME and PORT, because a router
 * service runs inside its host's pods and reads the host's env. Secrets appear only as
 * secretKeyRef. Connection methods are deliberately absent: they switch live through
 * Redis and the mounted file, and putting them here would restart pods on every switch.
 */
export function buildEnv(platform: BotPlatform, service: ServiceName): EnvVar[] {
  const spec = resolveSpec(platform.spec);
  const { name, namespace } = platform.metadata;
  const platformSecret = platformSecretName(name);
  const env: EnvVar[] = [
    { name: 'SERVICE_NAME', value: service },
    { name: 'BOTPLATFORM_NAME', value: name },
    { name: 'BOTPLATFORM_NAMESPACE', value: namespace },
    { name: 'PORT', value: String(SERVICE_PORTS[service]) },
    fromSecret('MONGODB_URI', spec.mongodb.uriSecretRef),
    { name: 'MONGODB_DB', value: spec.mongodb.database },
    { name: 'REDIS_URL', value: spec.redis.url },
    { name: 'REDIS_KEY_PREFIX', value: spec.redis.keyPrefix },
    fromSecret('TELEGRAM_BOT_TOKEN', spec.telegram.tokenSecretRef),
    { name: 'BOT_MODE', value: spec.telegram.mode },
  ];
  const webhook = spec.telegram.mode === 'webhook' ? spec.telegram.webhook : undefined;
  if (webhook?.url) env.push({ name: 'WEBHOOK_URL', value: webhook.url });
  if (webhook?.secretTokenSecretRef) env.push(fromSecret('WEBHOOK_SECRET', webhook.secretTokenSecretRef));
  env.push(
    fromSecret('API_KEY', { name: platformSecret, key: PLATFORM_SECRET_KEYS.apiKey }),
    fromSecret('JWT_SECRET', { name: platformSecret, key: PLATFORM_SECRET_KEYS.jwtSecret }),
    { name: 'CONNECTIONS_FILE', value: CONNECTIONS_FILE },
    { name: 'LOG_LEVEL', value: spec.logLevel },
  );
  // Ids, not secrets: a plain value. api and web both read it (the api decides, web shows the platform page).
  if (spec.platformAdmins.length > 0) env.push({ name: 'PLATFORM_ADMINS', value: spec.platformAdmins.join(',') });
  return env;
}
