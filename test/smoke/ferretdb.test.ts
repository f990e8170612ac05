import { expect } from 'chai';
import mongoose from 'mongoose';
import { testEnv, uniqueName } from '../harness/env.js';

describe('test environment: FerretDB (MongoDB wire protocol)', function () {
  let conn: mongoose.Connection;

  before(async function () {
    this.timeout(60_000);
    const { uri } = await testEnv.mongo();
    conn = await mongoose.createConnection(uri, { dbName: uniqueName('smoke').replace(/-/g, '_') }).asPromise();
  });
  after(() => conn?.close());

  it('when a duplicate compound key is inserted, then the unique index rejects it with E11000', async () => {
    const schema = new mongoose.Schema({ group_id: Number, user_id: Number, username: String });
    schema.index({ group_id: 1, user_id: 1 }, { unique: true });
    const Member = conn.model('Member', schema, 'members');
    await Member.syncIndexes();

    // A 52-bit Telegram id survives the round trip as a double.
    await Member.create({ group_id: -1001234567890, user_id: 4503599627370495, username: 'alice' });
    const err = await Member.create({ group_id: -1001234567890, user_id: 4503599627370495, username: 'bob' }).then(
      () => undefined,
      (e: unknown) => e as { code?: number },
    );
    expect(err, 'duplicate insert must fail').to.not.equal(undefined);
    expect(err?.code).to.equal(11000);

    const stored = await Member.find({ group_id: -1001234567890 }).lean();
    expect(stored).to.have.length(1);
    expect(stored[0]?.username).to.equal('alice');
    expect(stored[0]?.user_id).to.equal(4503599627370495);

    const build = await conn.db?.admin().command({ buildInfo: 1 });
    expect(build?.ferretdbVersion ?? build?.version).to.be.a('string');
  });
});
