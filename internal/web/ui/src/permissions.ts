// Written out rather than imported from the domain, whose module would bring zod into the page;
// test/web/ui-constants.test.ts keeps the two lists the same.
/** The api's permissions, in the order its roles list them. */
export const PERMISSIONS = [
  'ban',
  'kick',
  'mute',
  'warn',
  'delete',
  'pin',
  'promote',
  'settings.edit',
  'rules.edit',
  'roles.manage',
  'members.view',
  'logs.view',
  'stats.view',
] as const;
