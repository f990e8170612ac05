import type { RequestHandler } from 'express';
import { AppError } from '../shared/errors.js';

/**
 * The ops endpoints (health, metrics, the document and its viewer) are GET only. Another
 * method on one of them answers 405 with Allow, as the route table does under /api/v2,
 * rather than the 404 that would say the path does not exist. Mount after their routes.
 */
export function opsMethodNotAllowed(paths: readonly string[]): RequestHandler {
  // Express matches case-insensitively and with an optional trailing slash: so does this.
  const known = new Set(paths.map((p) => p.toLowerCase()));
  const allow = 'GET, HEAD';
  return (req, res, next) => {
    if (!known.has(req.path.toLowerCase().replace(/(.)\/$/, '$1'))) return next();
    if (req.method === 'OPTIONS') return void res.set('Allow', `OPTIONS, ${allow}`).status(204).end();
    next(new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}; use ${allow}`).withHeaders({ Allow: allow }));
  };
}
