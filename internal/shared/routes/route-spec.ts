import type { RequestHandler } from 'express';
import type { z } from 'zod';
import type { AuthContext } from '../auth/principal.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Error statuses a route declares itself; the others follow from the route's shape. */
export type RouteErrorStatus = 404 | 409 | 412;

/** What every route declares: where it is, what it is called, and who may call it. */
interface RouteBase {
  method: Method;
  /** `/groups/:groupId`; a literal colon is written `::` (`/users::bulk`), as find-my-way reads it. */
  path: string;
  /** Stable camelCase name of the operation (`createGroup`): generated clients call it by this. */
  operationId: string;
  summary: string;
  /** Rules the schemas cannot say (the group must exist, the state a change needs), for the document. */
  description?: string;
  tag: string;
  /**
   * `bearer` (the default): a service key or a person's access token, then the table's
   * authorizer. `none`: probes, scrapers, Telegram's webhook and the docs carry none.
   */
  auth?: 'bearer' | 'none';
  /** Permission a person needs in the route's group; services are trusted callers. */
  permission?: string;
  /** Routes without a group (create/list groups) may be closed to people entirely. */
  servicesOnly?: boolean;
}

/** A JSON route: input parsed by zod, the answer wrapped in the envelope. */
export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> extends RouteBase {
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of `data` in the success envelope, for the OpenAPI document. */
  response?: z.ZodType;
  status?: number;
  /** When the route answers an error status beyond those every route can give: the status and why. */
  errors?: Partial<Record<RouteErrorStatus, string>>;
  /** A file of this type instead of the JSON envelope (a CSV report): the handler's `data` is its text, `file` its name. */
  produces?: 'text/csv';
}

/**
 * A route that writes its own answer (metrics text, the docs page, a webhook): the table
 * still matches, guards and labels it. `responses` is its OpenAPI responses object;
 * `hidden` keeps it out of the document (asset files, a webhook whose path is a secret).
 */
export interface RawRouteSpec extends RouteBase {
  responses?: Record<string, unknown>;
  hidden?: boolean;
  /** Parse a JSON body before the handler (a webhook's update); off by default. */
  jsonBody?: boolean;
}

export interface RouteInput<P, Q, B> {
  /** Parsed (ids as numbers). */
  params: P;
  /** Validated but as sent; the service parses it again with its own schema. */
  query: Q;
  body: B;
  auth: AuthContext;
  /** A request header (cookies, Origin), for the few routes whose input is not the body. */
  header: (name: string) => string | undefined;
}

/** `headers`: response headers beside the envelope (web's Set-Cookie). */
export type RouteResult = {
  data: unknown;
  status?: number;
  message?: string;
  headers?: Readonly<Record<string, string | readonly string[]>>;
  /** The download's file name, for a route that `produces` a file. */
  file?: string;
};

export type AnyRouteSpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

/** Decides whether a person may make a call in a group; each service wires its own check. */
export type Authorizer = (auth: AuthContext, groupId: number | undefined, spec: { permission?: string; servicesOnly?: boolean }) => Promise<void>;

export type JsonHandler = (input: RouteInput<unknown, unknown, unknown>) => Promise<RouteResult>;

/** One declaration as the table keeps it; the OpenAPI builder reads only `spec`. */
export type Declared = { kind: 'json'; spec: AnyRouteSpec; handler: JsonHandler } | { kind: 'raw'; spec: RawRouteSpec; handler: RequestHandler };
