import { expect } from 'chai';
import { SERVICE_NAMES, type BotPlatform, type BotPlatformSpec, type ServiceName } from '../types.js';
import { validateBotPlatform } from '../crd/botplatform.validator.js';
import { ANNOTATIONS } from '../types.js';
import { buildDeployment } from './deployment.builder.js';
import { allMethodCombinations, describeMethods, platformFixture, withMethods, type Methods } from './platform.test-support.js';

const checksums = (platform: BotPlatform): Partial<Record<ServiceName, string>> =>
  Object.fromEntries(
    SERVICE_NAMES.flatMap((s) => {
      const sum = buildDeployment(platform, s)?.spec.template.metadata.annotations[ANNOTATIONS.configChecksum];
      return sum ? [[s, sum]] : [];
    }),
  );

const routerSet = (m: Methods) => SERVICE_NAMES.filter((s) => m[s] === 'router').join(',');
const allRest: Methods = { api: 'rest', bot: 'rest', web: 'rest' };

describe('operator builders: pod-template checksum', () => {
  it('when only switches among rest, hybrid and disabled differ, then every Deployment present in both is identical, checksum included (all valid pairs)', () => {
    const valid = allMethodCombinations().filter((m) => validateBotPlatform(withMethods(m)).length === 0);
    let compared = 0;
    for (const a of valid) {
      for (const b of valid) {
        if (routerSet(a) !== routerSet(b)) continue;
        const [ca, cb] = [checksums(withMethods(a)), checksums(withMethods(b))];
        for (const s of SERVICE_NAMES) {
          if (ca[s] && cb[s]) {
            const why = `${s}: ${describeMethods(a)} vs ${describeMethods(b)}`;
            expect(ca[s], why).to.equal(cb[s]);
            expect(buildDeployment(withMethods(a), s), why).to.deep.equal(buildDeployment(withMethods(b), s));
            compared += 1;
          }
        }
      }
    }
    expect(compared).to.be.greaterThan(500);
  });

  const routerMoves: { change: Methods; rolls: ServiceName[]; keeps: ServiceName[] }[] = [
    // web runs in-process inside api; bot does not host web.
    { change: { api: 'rest', bot: 'rest', web: 'router' }, rolls: ['api'], keeps: ['bot'] },
    // bot runs inside web only.
    { change: { api: 'rest', bot: 'router', web: 'rest' }, rolls: ['web'], keeps: ['api'] },
    // api runs inside bot and web.
    { change: { api: 'router', bot: 'rest', web: 'rest' }, rolls: ['bot', 'web'], keeps: [] },
    { change: { api: 'router', bot: 'hybrid', web: 'disabled' }, rolls: ['bot'], keeps: [] },
  ];
  for (const { change, rolls, keeps } of routerMoves) {
    it(`when methods move from all rest to ${describeMethods(change)}, then only the hosts roll (${rolls.join(', ')})${keeps.length ? `, not ${keeps.join(', ')}` : ''}`, () => {
      const [before, after] = [checksums(withMethods(allRest)), checksums(withMethods(change))];
      for (const s of rolls) expect(after[s], s).to.be.a('string').and.not.equal(before[s]);
      for (const s of keeps) expect(after[s], s).to.equal(before[s]);
    });
  }

  const envChanges: { what: string; spec: Partial<BotPlatformSpec> }[] = [
    { what: 'the image', spec: { image: 'registry.example.com/botplatform:0.2.0' } },
    { what: 'the pull policy', spec: { imagePullPolicy: 'Always' } },
    { what: 'the log level', spec: { logLevel: 'debug' } },
    { what: 'the database', spec: { mongodb: { uriSecretRef: { name: 'demo-mongo', key: 'uri' }, database: 'other' } } },
    { what: 'the Mongo secret reference', spec: { mongodb: { uriSecretRef: { name: 'demo-mongo-2', key: 'uri' } } } },
    { what: 'the Redis URL', spec: { redis: { url: 'redis://other:6379' } } },
    { what: 'the Redis key prefix', spec: { redis: { url: 'redis://redis.bots.svc:6379', keyPrefix: 'bp2' } } },
    {
      what: 'the bot mode',
      spec: { telegram: { tokenSecretRef: { name: 'demo-telegram', key: 'token' }, mode: 'webhook', webhook: { url: 'https://x.example.com/h' } } },
    },
  ];
  for (const { what, spec } of envChanges) {
    it(`when ${what} changes, then every Deployment's checksum changes`, () => {
      const [before, after] = [checksums(platformFixture()), checksums(platformFixture(spec))];
      for (const s of SERVICE_NAMES) expect(after[s], s).to.be.a('string').and.not.equal(before[s]);
    });
  }

  it('when only replicas, resources, ingress or generation change, then no checksum changes (the template itself carries those)', () => {
    const before = checksums(platformFixture());
    const after = checksums(
      platformFixture(
        { services: { api: { replicas: 3, resources: { limits: { memory: '1Gi' } } }, web: { ingress: { host: 'bots.example.com' } } } },
        { generation: 9 },
      ),
    );
    expect(after).to.deep.equal(before);
  });

  it('when the same spec is written with keys in another order, then the checksum is the same', () => {
    const a = platformFixture({ services: { api: { replicas: 1, connectionMethod: 'rest' } } });
    const b = platformFixture({ services: { api: { connectionMethod: 'rest', replicas: 1 } } });
    expect(checksums(a)).to.deep.equal(checksums(b)).and.to.deep.equal(checksums(platformFixture()));
  });
});
