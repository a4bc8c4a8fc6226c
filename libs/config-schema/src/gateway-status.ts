import { z } from 'zod';

/**
 * The proxy listeners a gateway really bound, as its status port reports them in `GET /status`
 * (`listeners`): null where a listener is off or its port could not be bound (the default 8443 is
 * best-effort). `aya start` advertises exactly these.
 */
export const boundListenersSchema = z.object({
  http: z.number().int(),
  https: z.number().int().nullable(),
  h2c: z.number().int().nullable(),
});
export type BoundListeners = z.infer<typeof boundListenersSchema>;
