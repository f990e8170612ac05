import { expect } from 'chai';
import { startApi, type ApiUnderTest } from './api-under-test.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

interface Operation {
  method: string;
  path: string;
  op: Json;
}

/** Follows a local `$ref` (`#/components/...`) to what it names. */
function resolve(doc: Json, node: unknown): Json {
  const ref = obj(node).$ref;
  if (typeof ref !== 'string') return obj(node);
  return ref
    .slice(2)
    .split('/')
    .reduce<Json>((at, key) => obj(at[key]), doc);
}

/** Every `[name, schema]` property pair anywhere under `schema`. */
function properties(schema: unknown, out: [string, Json][] = []): [string, Json][] {
  if (Array.isArray(schema)) schema.forEach((s) => properties(s, out));
  else if (schema !== null && typeof schema === 'object') {
    for (const [name, s] of Object.entries(obj(obj(schema).properties))) out.push([name, obj(s)]);
    Object.values(schema).forEach((v) => properties(v, out));
  }
  return out;
}

const successSchemaOf = (doc: Json, op: Json): Json => {
  const [, response] = Object.entries(obj(op.responses)).find(([status]) => status.startsWith('2')) ?? [];
  return obj(obj(obj(resolve(doc, response).content)['application/json']).schema);
};

describe('api OpenAPI document', () => {
  let api: ApiUnderTest;
  let doc: Json;
  let ops: Operation[];
  const apiOps = () => ops.filter((o) => o.path.startsWith('/api/v2/'));

  before(async function () {
    this.timeout(60_000);
    api = await startApi();
    doc = (await (await fetch(`${api.url}/openapi.json`)).json()) as Json;
    ops = Object.entries(obj(doc.paths)).flatMap(([path, item]) => Object.entries(obj(item)).map(([method, op]) => ({ method, path, op: obj(op) })));
  });
  after(() => api?.close());

  it('when path ids are read, then group ids are negative integers and user ids non-zero integers, both below 2^53 in magnitude', () => {
    const params = apiOps().flatMap(({ op }) => (op.parameters as unknown[]).map((p) => resolve(doc, p)));
    const byName = (name: string) => params.filter((p) => p.name === name && p.in === 'path').map((p) => p.schema);
    expect(byName('groupId')).to.have.length.above(25);
    for (const s of byName('groupId')) expect(s).to.deep.equal({ type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: -1 });
    expect(byName('userId')).to.have.length.above(4);
    for (const s of byName('userId'))
      expect(s).to.deep.equal({ type: 'integer', minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER, not: { const: 0 } });
  });

  it('when any api operation is read, then it documents each error it can give with the error envelope', () => {
    for (const { method, path, op } of apiOps()) {
      const statuses = Object.keys(obj(op.responses));
      const expected = ['400', '401', '403', '429', '503'];
      if (path.includes('{')) expected.push('404');
      if (method !== 'get') expected.push('413', '415');
      expect(statuses, `${method} ${path}`).to.include.members(expected);
      for (const status of statuses.filter((s) => !s.startsWith('2'))) {
        const schema = obj(obj(obj(resolve(doc, obj(op.responses)[status]).content)['application/json']).schema);
        expect(obj(obj(schema.properties).success), `${method} ${path} ${status}`).to.deep.equal({ const: false });
        const codes = obj(obj(obj(obj(schema.properties).error).properties).code).enum;
        expect(codes, `${method} ${path} ${status} codes`).to.be.an('array').that.is.not.empty;
      }
    }
    const createRole = ops.find((o) => o.op.operationId === 'createRole');
    expect(Object.keys(obj(createRole?.op.responses))).to.include('409');
  });

  it('when any api operation is read, then it takes X-Actor-Id as an optional integer header', () => {
    for (const { method, path, op } of apiOps()) {
      const header = (op.parameters as unknown[]).map((p) => resolve(doc, p)).find((p) => p.name === 'X-Actor-Id');
      expect(header, `${method} ${path}`).to.include({ in: 'header', required: false });
      expect(obj(header?.schema)).to.include({ type: 'integer' });
    }
  });

  it('when operation ids are read, then each is unique, camelCase and stable, ops endpoints included', () => {
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const id of ids)
      expect(id)
        .to.be.a('string')
        .and.match(/^[a-z]+(?:[A-Z][a-z0-9]*)*$/);
    expect(ids).to.include.members([
      'createGroup',
      'listGroups',
      'getGroup',
      'updateGroup',
      'deleteGroup',
      'upsertUser',
      'listUsers',
      'createAction',
      'listLogs',
    ]);
    expect(ids).to.include.members(['getHealth', 'getHealthz', 'getReadyz', 'getMetrics', 'getOpenApi', 'getDocs']);
    for (const path of ['/api/health', '/healthz', '/readyz', '/metrics', '/openapi.json', '/docs']) {
      expect(obj(obj(obj(doc.paths)[path]).get).security, path).to.deep.equal([]);
    }
  });

  it('when answers are read, then every timestamp is a date-time string and no field is left untyped', () => {
    let timestamps = 0;
    for (const { method, path, op } of ops) {
      for (const [name, schema] of properties(successSchemaOf(doc, op))) {
        const where = `${method} ${path}: ${name}`;
        // Each property says what it holds: a type, a choice of types, a constant or a reference.
        expect(
          ['type', 'anyOf', 'const', 'enum', '$ref'].some((k) => k in schema),
          `${where} is untyped: ${JSON.stringify(schema)}`,
        ).to.equal(true);
        if (!/_at$|^timestamp$/.test(name)) continue;
        timestamps += 1;
        const branches = Array.isArray(schema.anyOf) ? (schema.anyOf as Json[]) : [schema];
        expect(
          branches.filter((b) => b.type !== 'null'),
          where,
        ).to.deep.equal([{ type: 'string', format: 'date-time' }]);
      }
    }
    expect(timestamps).to.be.above(20);
    const settings = successSchemaOf(doc, ops.find((o) => o.op.operationId === 'getSettings')?.op ?? {});
    expect(obj(obj(obj(settings.properties).data).properties).locks).to.deep.include({ type: 'array', items: { type: 'string', pattern: '^[a-z_]{1,32}$' } });
  });

  it("when a warn's POST /actions answer is read, then it documents warnings with the count and the limit", () => {
    const created = successSchemaOf(doc, ops.find((o) => o.op.operationId === 'createAction')?.op ?? {});
    const data = obj(obj(created.properties).data);
    expect(Object.keys(obj(data.properties))).to.have.members(['action', 'warnings', 'penalty']);
    expect(Object.keys(obj(obj(obj(data.properties).warnings).properties))).to.have.members(['count', 'limit']);
  });

  it('when /docs is served, then its page, init script and styles name no other origin and the outside validator is off', async () => {
    const page = await (await fetch(`${api.url}/docs`)).text();
    const init = await (await fetch(`${api.url}/docs/init.js`)).text();
    const css = await (await fetch(`${api.url}/docs/assets/swagger-ui.css`)).text();
    expect(init).to.match(/"validatorUrl":null/);
    // Absolute URLs (or protocol-relative ones) would send the browser to another host.
    for (const [what, text] of [
      ['page', page],
      ['init.js', init],
    ] as const)
      expect(text, what).not.to.match(/(?:https?:)?\/\/[a-z0-9.-]+/i);
    expect(css).not.to.match(/url\(\s*["']?(?:https?:)?\/\//i);
    // What the page loads is all under /docs on this origin.
    for (const src of page.matchAll(/(?:src|href)="([^"]+)"/g)) expect(src[1]).to.match(/^\/docs\//);
  });
});
