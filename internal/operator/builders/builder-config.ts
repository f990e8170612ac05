/** Settings of the operator that shape every child object (not part of any BotPlatform). */
export interface BuilderConfig {
  /** Value of app.kubernetes.io/managed-by; also the server-side-apply field manager. */
  readonly managedBy: string;
}

export const DEFAULT_BUILDER_CONFIG: BuilderConfig = { managedBy: 'botplatform-operator' };

/**
 * Secrets the pods read besides those the spec names. The operator expects one Secret
 * `{name}-platform` per BotPlatform (it never copies or generates values in a builder:
 * builders are pure, and secret values are never inputs to them):
 * - key `api-key`: the service key api, bot and web send and accept (env API_KEY);
 * - key `jwt-secret`: signs and verifies the dashboard's JWTs (env JWT_SECRET).
 */
export const PLATFORM_SECRET_KEYS = { apiKey: 'api-key', jwtSecret: 'jwt-secret' } as const;

export function platformSecretName(platformName: string): string {
  return `${platformName}-platform`;
}

/** Where the connections ConfigMap is mounted in every pod (DESIGN.md section 5). */
export const CONNECTIONS_DIR = '/etc/botplatform';
export const CONNECTIONS_KEY = 'connections.json';
export const CONNECTIONS_FILE = `${CONNECTIONS_DIR}/${CONNECTIONS_KEY}`;
