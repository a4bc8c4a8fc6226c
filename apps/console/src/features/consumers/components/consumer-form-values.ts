import type { Consumer, consumerCreateSchema } from '@aya/config-schema';
import type { z } from 'zod';
import { optionalText } from '../../../lib/form-values';

export type ConsumerInput = z.input<typeof consumerCreateSchema>;

export interface ConsumerFormValues {
  username: string;
  customId: string;
  groups: string[];
}

export const CONSUMER_FORM_FIELDS = ['username', 'customId', 'groups'] as const;
export const CONSUMER_CLEAR_VALUES = { customId: null, groups: [] };

export function toConsumerValues(consumer?: Consumer): ConsumerFormValues {
  return { username: consumer?.username ?? '', customId: consumer?.customId ?? '', groups: consumer?.groups ?? [] };
}

export function toConsumerPayload(v: ConsumerFormValues): { payload: ConsumerInput } {
  return { payload: { username: v.username.trim(), customId: optionalText(v.customId), groups: v.groups.length ? [...v.groups].sort() : undefined } };
}
