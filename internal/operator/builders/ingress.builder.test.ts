import { expect } from 'chai';
import { buildIngress } from './ingress.builder.js';
import { platformFixture, withMethods } from './platform.test-support.js';

describe('operator builders: Ingress', () => {
  it('when web asks for no ingress, then there is none', () => {
    expect(buildIngress(platformFixture())).to.equal(undefined);
  });

  it('when web asks for a host with class and TLS, then the Ingress routes the host to the web Service with TLS', () => {
    const ingress = buildIngress(
      platformFixture({ services: { web: { ingress: { host: 'bots.example.com', className: 'nginx', tlsSecretName: 'bots-tls' } } } }),
    );
    expect(ingress?.metadata.name).to.equal('demo-web');
    expect(ingress?.spec).to.deep.equal({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['bots.example.com'], secretName: 'bots-tls' }],
      rules: [
        {
          host: 'bots.example.com',
          http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'demo-web', port: { name: 'http' } } } }] },
        },
      ],
    });
  });

  it('when web is router or disabled, then no Ingress is built even if asked (there is no web Service to route to)', () => {
    for (const web of ['router', 'disabled'] as const) {
      const base = platformFixture({ services: { web: { ingress: { host: 'bots.example.com' } } } });
      expect(buildIngress(withMethods({ api: 'rest', bot: 'rest', web }, base))).to.equal(undefined);
    }
    const hybrid = withMethods({ api: 'rest', bot: 'rest', web: 'hybrid' }, platformFixture({ services: { web: { ingress: { host: 'b.example.com' } } } }));
    expect(buildIngress(hybrid)?.spec.rules[0]?.host).to.equal('b.example.com');
  });

  it('when the bot takes webhooks on the web host, then that path goes to the bot Service unless the bot is router inside web', () => {
    const spec = (bot: 'rest' | 'router', url: string) =>
      withMethods(
        { api: 'rest', bot, web: 'rest' },
        platformFixture({
          telegram: { tokenSecretRef: { name: 'demo-telegram', key: 'token' }, mode: 'webhook', webhook: { url } },
          services: { web: { ingress: { host: 'bots.example.com' } } },
        }),
      );
    const paths = (p: ReturnType<typeof spec>) => buildIngress(p)?.spec.rules[0]?.http.paths.map((x) => `${x.path} ${x.pathType} ${x.backend.service.name}`);
    expect(paths(spec('rest', 'https://bots.example.com/tg/hook'))).to.deep.equal(['/tg/hook Exact demo-bot', '/ Prefix demo-web']);
    expect(paths(spec('router', 'https://bots.example.com/tg/hook'))).to.deep.equal(['/ Prefix demo-web']);
    expect(paths(spec('rest', 'https://hooks.example.com/tg/hook'))).to.deep.equal(['/ Prefix demo-web']);
  });
});
