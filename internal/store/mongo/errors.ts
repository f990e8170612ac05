import mongoose from 'mongoose';
import { AppError, isAppError, toError } from '../../shared/errors.js';

const UNAVAILABLE_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'PoolClearedError',
  'PoolClosedError',
  'MongoExpiredSessionError',
]);

/** MongoDB's duplicate key code: a unique index said no. */
export const DUPLICATE_KEY = 11000;

export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && err.code === DUPLICATE_KEY;
}

/** Server codes that mean "going away", not "your request is wrong" (ShutdownInProgress, InterruptedAtShutdown, ...). */
const UNAVAILABLE_CODES = new Set([6, 7, 89, 91, 189, 11600, 11602]);
// Seen when the server stops mid-operation: the driver reports the cut, not the cause.
const UNAVAILABLE_MESSAGE = /client was closed|connection .*closed|ECONNREFUSED|ECONNRESET|socket hang up|interrupted at shutdown/i;

/** The database is down or unreachable (as opposed to refusing this request). */
export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (UNAVAILABLE_NAMES.has(err.name) || err instanceof mongoose.mongo.MongoNetworkError || err instanceof mongoose.mongo.MongoServerSelectionError)
    return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'number' && UNAVAILABLE_CODES.has(code)) return true;
  if (err.name.startsWith('Mongo') && UNAVAILABLE_MESSAGE.test(err.message)) return true;
  // Mongoose's own errors when the connection is closed or not yet open (bufferCommands: false).
  return err.name === 'MongooseError' && /connect|buffer|client/i.test(err.message);
}

/** Turns driver errors into the AppErrors callers act on; anything else is a bug and stays as is. */
export function mapMongoError(err: unknown, what: string): Error {
  if (isAppError(err)) return err;
  if (isDuplicateKey(err)) return AppError.conflict(`${what} already exists`);
  if (isUnavailable(err)) return AppError.unavailable('database');
  return toError(err);
}

/** Runs one repository operation, turning driver errors into AppErrors (mapMongoError). */
export async function withMongoErrors<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw mapMongoError(err, what);
  }
}

/** Concurrent upserts of one new key can both miss and both insert; the loser retries as an update. */
export async function retryOnDuplicate<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    return op();
  }
}
