import type { Model, mongo } from 'mongoose';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { Models } from './models.js';

/** Codes a server uses to refuse an index kind it lacks (FerretDB: TTL and partial indexes). */
const NOT_IMPLEMENTED = new Set([238, 115]);

function refusedAsUnsupported(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = 'code' in err ? err.code : undefined;
  const codeName = 'codeName' in err ? err.codeName : undefined;
  return (typeof code === 'number' && NOT_IMPLEMENTED.has(code)) || codeName === 'NotImplemented' || codeName === 'CommandNotSupported';
}

export interface IndexReport {
  created: string[];
  unsupported: string[];
}

/**
 * Creates the schema's indexes one by one, so a server that refuses one kind (FerretDB and
 * TTL or text indexes) still gets every other index; unique keys failing is fatal.
 */
export async function syncIndexes(models: Models, logger: Logger): Promise<IndexReport> {
  const report: IndexReport = { created: [], unsupported: [] };
  for (const model of Object.values(models) as Model<unknown>[]) {
    await model.createCollection().catch((err: unknown) => {
      // Already there (NamespaceExists) is the normal case after the first start.
      if (!(typeof err === 'object' && err !== null && 'code' in err && err.code === 48)) throw err;
    });
    for (const [fields, options] of model.schema.indexes()) {
      const name = `${model.collection.collectionName}.${Object.keys(fields).join('_')}`;
      try {
        await model.collection.createIndex(fields as Record<string, 1 | -1 | 'text'>, options as mongo.CreateIndexesOptions);
        report.created.push(name);
      } catch (err) {
        // FerretDB answers a text index with IndexNotFound rather than NotImplemented.
        const isText = Object.values(fields).includes('text');
        if (!refusedAsUnsupported(err) && !(isText && err instanceof Error && err.name === 'MongoServerError')) throw err;
        report.unsupported.push(name);
        logger.warn('index not supported by this server; continuing without it', { index: name, options, error: errorMessage(err) });
      }
    }
  }
  return report;
}
