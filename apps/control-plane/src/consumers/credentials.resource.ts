import { JWT_ALGORITHMS, credentialCreateSchema, credentialUpdateSchema, type Credential } from '@aya/config-schema';
import { z } from 'zod';
import { defineResource } from '../resources/resource-definition';
import { IN_CONSUMER } from './consumer-parent';
import { CREDENTIALS_SNAPSHOT } from './consumers.snapshot';
import { CredentialsStore } from './credentials.store';

const fields = {
  id: z.uuid(),
  consumerId: z.uuid(),
  type: z.enum(['key-auth', 'basic-auth', 'jwt', 'mtls']),
  keyPrefix: z.string().optional().describe('key-auth: the first characters of the key'),
  expiresAt: z.iso.datetime().nullable().optional(),
  username: z.string().optional(),
  key: z.string().optional().describe('jwt: matched against the token claim; key-auth: only in the create response'),
  algorithm: z.enum(JWT_ALGORITHMS).optional(),
  publicKey: z.string().optional(),
  jwksUrl: z.string().optional(),
  subject: z.string().optional(),
  fingerprint: z.string().optional(),
  createdAt: z.iso.datetime(),
};
const view: z.ZodType<Credential> = z.object(fields);
const created: z.ZodType<Credential> = z.object({ ...fields, secret: z.string().optional().describe('jwt HS*: the HMAC secret, in this response only') });

/**
 * `/api/v1/tenants/{tenant}/consumers/{consumer}/credentials` (by id): nested under their consumer, secrets
 * write-only (the create response shows a generated key or secret once), only a key's expiry changes in place.
 */
export const CREDENTIALS = defineResource({
  name: 'credentials',
  kind: 'credential',
  configKind: 'credential',
  snapshot: CREDENTIALS_SNAPSHOT,
  key: null,
  parent: IN_CONSUMER,
  replace: false,
  // credentials use the consumers permissions
  permissions: { read: 'consumers:read', write: 'consumers:write' },
  schemas: { create: credentialCreateSchema, patch: credentialUpdateSchema },
  responses: { item: { name: 'Credential', schema: view }, created: { name: 'CredentialCreated', schema: created } },
  store: CredentialsStore,
});
