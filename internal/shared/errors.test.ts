import { expect } from 'chai';
import { AppError, isAppError } from './errors.js';

describe('shared/errors', () => {
  it('when an AppError comes from a second copy of the module, then instanceof still recognises it', () => {
    // What a duplicate module evaluation produces: another class carrying the same registry brand.
    const foreign = Object.assign(new Error('role already exists'), { [Symbol.for('botplatform.AppError')]: true, code: 'CONFLICT', status: 409 });
    expect(foreign instanceof AppError).to.equal(true);
    expect(isAppError(foreign)).to.equal(true);
    expect(new Error('plain') instanceof AppError).to.equal(false);
    expect(AppError.conflict('x').status).to.equal(409);
  });
});
