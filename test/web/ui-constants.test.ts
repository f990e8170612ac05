import { expect } from 'chai';
import { PERMISSIONS as DOMAIN_PERMISSIONS } from '../../internal/domain/permissions/permissions.schema.js';
import { PERMISSIONS } from '../../internal/web/ui/src/permissions.js';

describe("dashboard: the lists it writes out match the api's", () => {
  it("when the roles page offers permissions, then they are exactly the api's, in its order", () => {
    expect([...PERMISSIONS]).to.deep.equal([...DOMAIN_PERMISSIONS]);
  });
});
