import { z } from 'zod';
import { TENANT_ROLES } from '../auth/permissions';
import { pageOf } from '../resources/response-fields';

const role = z.enum(TENANT_ROLES);
const sessionUser = z.object({ id: z.string(), username: z.string(), email: z.string().nullable(), superadmin: z.boolean() });
const member = z.object({ user: z.object({ id: z.string(), username: z.string(), email: z.string().nullable() }), role, createdAt: z.iso.datetime() });
const token = z.object({
  id: z.uuid(),
  name: z.string(),
  role,
  expiresAt: z.iso.datetime().nullable(),
  lastUsedAt: z.iso.datetime().nullable(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
});
const user = z.object({
  id: z.uuid(),
  username: z.string(),
  email: z.string().nullable(),
  superadmin: z.boolean(),
  disabled: z.boolean().describe('cannot sign in'),
  tenants: z.array(z.object({ slug: z.string(), role })),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** Response bodies of sign-in, members, tokens and users (openapi/response-schemas.ts spreads them in). */
export const PEOPLE_RESPONSE_SCHEMAS: Record<string, z.ZodType> = {
  LoginResult: z.object({
    token: z.string().optional().describe('absent when `cookie: true` (the session is in the aya_session cookie)'),
    expiresAt: z.iso.datetime(),
    csrfToken: z.string().describe('send as X-CSRF-Token on writes made with the session cookie'),
    user: sessionUser,
  }),
  Me: z.object({
    user: sessionUser,
    kind: z.enum(['session', 'token', 'env']),
    memberships: z.array(z.object({ tenant: z.object({ id: z.string(), slug: z.string(), name: z.string() }), role })),
    csrfToken: z.string().optional().describe('with the session cookie: its CSRF token'),
  }),
  Member: member,
  MemberList: pageOf(member, true),
  AdminToken: token,
  AdminTokenCreated: token.extend({ token: z.string().describe('shown once: store it now') }),
  AdminTokenList: pageOf(token, true),
  User: user,
  UserPage: pageOf(user, true),
};

export const PEOPLE_OPERATION_RESPONSES: Record<string, string> = {
  'auth.login': 'LoginResult',
  'auth.me': 'Me',
  'auth.logout': 'none',
  'auth.logoutAll': 'none',
  'auth.changePassword': 'none',
  'members.list': 'MemberList',
  'members.add': 'Member',
  'members.update': 'Member',
  'members.remove': 'none',
  'tokens.list': 'AdminTokenList',
  'tokens.create': 'AdminTokenCreated',
  'tokens.revoke': 'none',
  'users.list': 'UserPage',
  'users.get': 'User',
  'users.create': 'User',
  'users.update': 'User',
  'users.remove': 'none',
};
