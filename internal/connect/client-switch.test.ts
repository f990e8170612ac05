import { expect } from 'chai';
import { AppError } from '../shared/errors.js';
import { createRegistry } from '../shared/metrics.js';
import { CircuitBreaker } from '../shared/retry/index.js';
import { switchingClient, type SwitchOptions } from './client-switch.js';
import type { Method } from './connections.schema.js';

interface Greeter {
  greet(name: string): Promise<string>;
}

function sides() {
  const log: string[] = [];
  let localFails: Error | undefined;
  let restFails: Error | undefined;
  const inProcess: Greeter = {
    greet: (name) => {
      log.push(`local:${name}`);
      return localFails ? Promise.reject(localFails) : Promise.resolve(`hi ${name} (local)`);
    },
  };
  const rest: Greeter = {
    greet: (name) => {
      log.push(`rest:${name}`);
      return restFails ? Promise.reject(restFails) : Promise.resolve(`hi ${name} (rest)`);
    },
  };
  /** A hybrid client over these two sides (its connection from Redis unless `source` says). */
  const hybrid = ({ source = 'redis', ...o }: Partial<SwitchOptions<Greeter>> & { source?: 'env' | 'redis' } = {}) =>
    switchingClient<Greeter>({ callee: 'api', connection: () => ({ method: 'hybrid', source }), inProcess, rest, metrics: createRegistry(), ...o });
  return { log, inProcess, rest, hybrid, failLocal: (err?: Error) => (localFails = err), failRest: (err: Error) => (restFails = err) };
}

describe('connect/switching client', () => {
  it('when the method changes between calls, then the very next call takes the new path', async () => {
    const s = sides();
    let method: Method = 'router';
    const metrics = createRegistry();
    const client = switchingClient<Greeter>({ callee: 'api', connection: () => ({ method, source: 'redis' }), inProcess: s.inProcess, rest: s.rest, metrics });
    expect(await client.greet('a')).to.equal('hi a (local)');
    method = 'rest';
    expect(await client.greet('b')).to.equal('hi b (rest)');
    method = 'disabled';
    const err = await client.greet('c').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).code).to.equal('SERVICE_DISABLED');
    expect((err as AppError).message).to.include('switched off by the platform admin');
    expect(s.log).to.deep.equal(['local:a', 'rest:b']);
    const text = await metrics.metrics();
    expect(text).to.include('connect_calls_total{callee="api",method="disabled",outcome="disabled"} 1');
    expect(text).to.include('connect_calls_total{callee="api",method="router",outcome="ok"} 1');
  });

  it('when hybrid and the in-process side fails on infrastructure, then REST serves and the breaker skips local after 3 failures', async () => {
    const s = sides();
    s.failLocal(new AppError('DEPENDENCY_UNAVAILABLE', 'store down'));
    const metrics = createRegistry();
    const client = s.hybrid({ metrics, breaker: new CircuitBreaker(3, 60_000) });
    for (const n of ['1', '2', '3', '4']) expect(await client.greet(n)).to.equal(`hi ${n} (rest)`);
    expect(client.lastSide()).to.equal('rest');
    expect(s.log).to.deep.equal(['local:1', 'rest:1', 'local:2', 'rest:2', 'local:3', 'rest:3', 'rest:4']);
    expect(await metrics.metrics()).to.include('connect_fallbacks_total{callee="api"} 4');
  });

  it('when hybrid and the in-process side answers a domain error, then it is final and REST is not tried', async () => {
    const s = sides();
    s.failLocal(AppError.notFound('group'));
    const client = s.hybrid({ source: 'env' });
    const err = await client.greet('x').catch((e: unknown) => e);
    expect((err as AppError).code).to.equal('NOT_FOUND');
    expect(s.log).to.deep.equal(['local:x']);
  });

  it('when hybrid and the in-process side is marked unhealthy, then REST serves without trying local', async () => {
    const s = sides();
    const client = s.hybrid({ source: 'env', inProcessHealthy: () => false });
    expect(await client.greet('y')).to.equal('hi y (rest)');
    expect(s.log).to.deep.equal(['rest:y']);
  });

  it('when hybrid, the in-process side unhealthy and REST failing, then the REST breaker opens and in-process answers as the last resort', async () => {
    const s = sides();
    s.failRest(new AppError('DEPENDENCY_UNAVAILABLE', 'api did not answer'));
    const metrics = createRegistry();
    const client = s.hybrid({ metrics, inProcessHealthy: () => false, restBreaker: new CircuitBreaker(2, 60_000) });
    for (const n of ['1', '2', '3']) expect(await client.greet(n)).to.equal(`hi ${n} (local)`);
    expect(s.log).to.deep.equal(['rest:1', 'local:1', 'rest:2', 'local:2', 'local:3']);
    const text = await metrics.metrics();
    expect(text).to.include('connect_breaker_open{callee="api",side="rest"} 1');
    expect(text).to.include('connect_breaker_open{callee="api",side="in-process"} 0');
    expect(text).to.include('connect_fallbacks_total{callee="api"} 2');
  });

  it('when hybrid and both sides fail on infrastructure, then the caller gets the error and no side is tried twice', async () => {
    const s = sides();
    s.failLocal(new AppError('DEPENDENCY_UNAVAILABLE', 'store down'));
    s.failRest(new AppError('DEPENDENCY_UNAVAILABLE', 'api did not answer'));
    const client = s.hybrid();
    const err = await client.greet('z').catch((e: unknown) => e);
    expect((err as AppError).code).to.equal('DEPENDENCY_UNAVAILABLE');
    expect(s.log).to.deep.equal(['local:z', 'rest:z']);
  });

  it('when a domain answer comes between infrastructure failures, then the failures are not consecutive and the breaker stays closed', async () => {
    const s = sides();
    const metrics = createRegistry();
    const client = s.hybrid({ metrics, breaker: new CircuitBreaker(2, 60_000) });
    s.failLocal(new AppError('DEPENDENCY_UNAVAILABLE', 'store down'));
    await client.greet('1');
    s.failLocal(AppError.notFound('group'));
    await client.greet('2').catch(() => undefined);
    s.failLocal(new AppError('DEPENDENCY_UNAVAILABLE', 'store down'));
    await client.greet('3');
    s.failLocal();
    expect(await client.greet('4')).to.equal('hi 4 (local)');
    expect(await metrics.metrics()).to.include('connect_breaker_open{callee="api",side="in-process"} 0');
  });
});
