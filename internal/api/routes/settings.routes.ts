import { expectedFromIfMatch, type Services, settingsEtag, settingsRouteSpecs } from '../../domain/index.js';
import type { RouteScope } from '../../shared/routes/index.js';
import { ctxOf } from './common.js';

export function settingsRoutes(t: RouteScope, s: Services): void {
  t.add(settingsRouteSpecs.get, async ({ params }) => {
    const settings = await s.settings.get(params.groupId);
    return { data: settings, headers: { etag: settingsEtag(settings.updated_at) } };
  });
  t.add(settingsRouteSpecs.update, async ({ params, body, auth, header }) => {
    const settings = await s.settings.update(params.groupId, body, ctxOf(auth), expectedFromIfMatch(header('if-match')));
    return { data: settings, headers: { etag: settingsEtag(settings.updated_at) }, message: 'settings updated' };
  });
}
