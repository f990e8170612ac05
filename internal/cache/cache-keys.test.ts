import { expect } from 'chai';
import { CACHE_TTL_SECONDS, cacheKeys } from './cache-keys.js';

describe('cache keys', function () {
  it('when keys are built, then they follow DESIGN.md section 4 and keep 52-bit ids exact', function () {
    expect(cacheKeys.group(-1001234567890)).to.equal('group:-1001234567890');
    expect(cacheKeys.user(-1001234567890, 4503599627370495)).to.equal('user:-1001234567890:4503599627370495');
    expect(cacheKeys.settings('-1001')).to.equal('settings:-1001');
    expect(cacheKeys.role(-1001, 'moderator')).to.equal('role:-1001:moderator');
  });

  it('when TTLs are read, then they are those of DESIGN.md section 4', function () {
    expect(CACHE_TTL_SECONDS).to.deep.equal({ group: 3600, user: 1800, settings: 3600, role: 3600 });
  });
});
