import { randomBytes } from 'node:crypto';

const processPart = randomBytes(5).toString('hex');
let counter = randomBytes(3).readUIntBE(0, 3);

/**
 * ObjectId-shaped (24 hex: seconds, process random, counter) ids made in the domain, so
 * both stores hold the same string ids and sort them the same way.
 */
export function newId(now: Date = new Date()): string {
  counter = (counter + 1) % 0xffffff;
  const secs = Math.floor(now.getTime() / 1000)
    .toString(16)
    .padStart(8, '0');
  return `${secs}${processPart}${counter.toString(16).padStart(6, '0')}`;
}
