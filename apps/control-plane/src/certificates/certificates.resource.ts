import { certificateCreateSchema, certificateUpdateSchema, type Certificate } from '@aya/config-schema';
import { z } from 'zod';
import { IN_TENANT } from '../resources/parents';
import { TIMESTAMPS } from '../resources/response-fields';
import { defineResource } from '../resources/resource-definition';
import { CERTIFICATES_SNAPSHOT } from './certificates.snapshot';
import { CertificatesStore } from './certificates.store';

const view: z.ZodType<Certificate> = z.object({
  id: z.uuid(),
  snis: z.array(z.string()),
  cert: z.string(),
  hasKey: z.boolean().describe('the private key itself is never returned'),
  ...TIMESTAMPS,
});

/** `/api/v1/tenants/{tenant}/certificates`: TLS certificates (by id: they have no name), keys sealed at rest. */
export const CERTIFICATES = defineResource({
  name: 'certificates',
  kind: 'certificate',
  configKind: 'certificate',
  snapshot: CERTIFICATES_SNAPSHOT,
  key: null,
  parent: IN_TENANT,
  permissions: { read: 'certificates:read', write: 'certificates:write' },
  schemas: { create: certificateCreateSchema, patch: certificateUpdateSchema },
  responses: { item: { name: 'Certificate', schema: view } },
  store: CertificatesStore,
  list: { table: 'certificates', search: { snis: 'text[]' }, searchDescription: 'an SNI', sort: { updatedAt: 'timestamptz' } },
});
