import type { Certificate } from '@aya/config-schema';

/** What a certificate is called: its first SNI, or its id when it serves none. */
export const certName = (c: Certificate): string => c.snis[0] ?? c.id;
