import { expect } from 'chai';
import { validateBotPlatform } from '../crd/botplatform.validator.js';
import { SERVICE_NAMES, SERVICE_PORTS, type ConnectionMethod, type ServiceName } from '../types.js';
import { connectionsHash, type ConnectionsDocument } from './connections.builder.js';
import { buildDesired } from './desired.builder.js';
import { allMethodCombinations, describeMethods, platformFixture, withMethods, type Methods } from './platform.test-support.js';

// Written from DESIGN.md section 5 independently of validation.rules.ts: a router service
// needs one of its hosts (api: bot or web; bot: web; web: api) to have pods of its own.
const hasPods = (m: ConnectionMethod) => m === 'rest' || m === 'hybrid';
function strandedRouters(m: Methods): ServiceName[] {
  const stranded: ServiceName[] = [];
  if (m.api === 'router' && !hasPods(m.bot) && !hasPods(m.web)) stranded.push('api');
  if (m.bot === 'router' && !hasPods(m.web)) stranded.push('bot');
  if (m.web === 'router' && !hasPods(m.api)) stranded.push('web');
  return stranded;
}

describe('operator builders: desired state for every connection-method combination', () => {
  const combos = allMethodCombinations();

  it('when the combinations are enumerated, then there are 64 and 15 of them strand a router (49 valid)', () => {
    expect(combos).to.have.length(64);
    expect(combos.filter((m) => strandedRouters(m).length === 0)).to.have.length(49);
  });

  it('when DESIGN.md examples are validated, then all-router and bot router with web disabled fail, api router with bot rest passes', () => {
    expect(validateBotPlatform(withMethods({ api: 'router', bot: 'router', web: 'router' }))).to.not.be.empty;
    expect(validateBotPlatform(withMethods({ api: 'rest', bot: 'router', web: 'disabled' }))).to.not.be.empty;
    expect(validateBotPlatform(withMethods({ api: 'router', bot: 'rest', web: 'rest' }))).to.be.empty;
  });

  for (const methods of combos) {
    const stranded = strandedRouters(methods);
    if (stranded.length > 0) {
      it(`when ${describeMethods(methods)}, then validation flags ${stranded.join(' and ')} as a router without a running host`, () => {
        const issues = validateBotPlatform(withMethods(methods));
        expect(issues.map((i) => i.field)).to.have.members(stranded.map((s) => `spec.services.${s}.connectionMethod`));
        for (const issue of issues) expect(issue.message).to.match(/router needs a running host/);
      });
      continue;
    }

    it(`when ${describeMethods(methods)}, then it validates and builds Deployments and Services for rest/hybrid only, and the connections say so`, () => {
      const platform = withMethods(methods);
      expect(validateBotPlatform(platform)).to.deep.equal([]);
      const desired = buildDesired(platform);
      const deployed = SERVICE_NAMES.filter((s) => hasPods(methods[s]));

      expect(desired.deployments.map((d) => d.metadata.name)).to.deep.equal(deployed.map((s) => `demo-${s}`));
      expect(desired.services.map((s) => s.metadata.name)).to.deep.equal(deployed.map((s) => `demo-${s}`));
      for (const d of desired.deployments) {
        const service = d.metadata.labels['app.kubernetes.io/component'] as ServiceName;
        expect(d.spec.template.spec.containers[0]?.ports[0]?.containerPort).to.equal(SERVICE_PORTS[service]);
      }

      const doc = JSON.parse(desired.configMap.data['connections.json'] ?? '') as ConnectionsDocument;
      expect(doc).to.deep.equal(desired.connections);
      expect(doc.platform).to.equal('bots/demo');
      expect(doc.generation).to.equal(3);
      for (const s of SERVICE_NAMES) {
        expect(doc.services[s]).to.deep.equal({
          method: methods[s],
          url: hasPods(methods[s]) ? `http://demo-${s}.bots.svc:${SERVICE_PORTS[s]}` : null,
        });
      }
      expect(doc.hash)
        .to.equal(connectionsHash(doc.services))
        .and.match(/^sha256:[0-9a-f]{64}$/);
      expect(desired.ingress).to.equal(undefined);
    });
  }

  it('when the same platform is built twice, then the results are deep equal (no clock, no randomness)', () => {
    for (const methods of combos) {
      const platform = withMethods(methods, platformFixture({ services: { web: { ingress: { host: 'bots.example.com' } } } }));
      expect(buildDesired(platform)).to.deep.equal(buildDesired(structuredClone(platform)));
    }
  });
});
