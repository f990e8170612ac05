import { expect } from 'chai';
import { AppError, errorMessage, isAppError, toError, withContext } from './errors.js';

describe('shared/errors', () => {
  it('when an AppError comes from a second copy of the module, then instanceof still recognises it', () => {
    // What a duplicate module evaluation produces: another class carrying the same registry brand.
    const foreign = Object.assign(new Error('role already exists'), { [Symbol.for('botplatform.AppError')]: true, code: 'CONFLICT', status: 409 });
    expect(foreign instanceof AppError).to.equal(true);
    expect(isAppError(foreign)).to.equal(true);
    expect(new Error('plain') instanceof AppError).to.equal(false);
    expect(AppError.conflict('x').status).to.equal(409);
  });

  const thrown: { what: string; value: unknown; message: string }[] = [
    { what: 'an Error', value: new Error('boom'), message: 'boom' },
    { what: 'a TypeError', value: new TypeError('not a function'), message: 'not a function' },
    { what: 'a string', value: 'plain text', message: 'plain text' },
    { what: 'a number', value: 42, message: '42' },
    { what: 'undefined', value: undefined, message: 'undefined' },
    { what: 'null', value: null, message: 'null' },
  ];
  for (const { what, value, message } of thrown) {
    it(`when ${what} is thrown, then errorMessage says "${message}", toError holds it, and withContext puts the step first and keeps it as cause`, () => {
      expect(errorMessage(value)).to.equal(message);
      const asError = toError(value);
      expect(asError).to.be.instanceOf(Error);
      expect(asError.message).to.equal(message);
      if (value instanceof Error) expect(asError).to.equal(value);
      const wrapped = withContext('applying Deployment demo-api', value);
      expect(wrapped).to.be.instanceOf(Error);
      expect(wrapped.message).to.equal(`while applying Deployment demo-api: ${message}`);
      expect(wrapped.cause).to.equal(value);
      expect(wrapped.stack).to.match(/^\w*Error: while applying Deployment demo-api: /);
    });
  }

  /** The shape of the operator's KubeError: the HTTP status and the API server's reason. */
  class HttpStatusError extends Error {
    constructor(
      readonly code: number,
      message: string,
      readonly reason?: string,
    ) {
      super(message);
      this.name = 'HttpStatusError';
    }
  }

  const typed: { what: string; value: Error; keeps: (wrapped: Error) => void }[] = [
    {
      what: 'an error class with a status code and reason',
      value: new HttpStatusError(422, 'Ingress.networking.k8s.io "demo-web" is invalid', 'Invalid'),
      keeps: (wrapped) => {
        expect(wrapped).to.be.instanceOf(HttpStatusError);
        expect(wrapped).to.include({ name: 'HttpStatusError', code: 422, reason: 'Invalid' });
      },
    },
    {
      what: 'an AppError',
      value: AppError.conflict('role already exists'),
      keeps: (wrapped) => {
        expect(isAppError(wrapped)).to.equal(true);
        expect(wrapped).to.include({ name: 'AppError', code: 'CONFLICT', status: 409 });
      },
    },
    {
      what: 'an error already wrapped once',
      value: withContext('reading Secret demo-mongo', new HttpStatusError(403, 'forbidden')),
      keeps: (wrapped) => {
        expect(wrapped.message).to.equal('while reconciling: while reading Secret demo-mongo: forbidden');
        expect(wrapped).to.include({ code: 403 });
      },
    },
  ];
  for (const { what, value, keeps } of typed) {
    it(`when ${what} gains context, then the wrapper keeps its class and fields and leaves the original untouched`, () => {
      const original = value.message;
      const wrapped = withContext('reconciling', value);
      expect(wrapped.message).to.equal(`while reconciling: ${original}`);
      expect(wrapped.cause).to.equal(value);
      expect(value.message).to.equal(original);
      keeps(wrapped);
    });
  }
});
