import type { ConsumerGroup, consumerGroupCreateSchema } from '@aya/config-schema';
import type { z } from 'zod';
import { optionalText } from '../../../lib/form-values';

export type ConsumerGroupInput = z.input<typeof consumerGroupCreateSchema>;

export interface ConsumerGroupFormValues {
  name: string;
  description: string;
}

export const GROUP_FORM_FIELDS = ['name', 'description'] as const;
export const GROUP_CLEAR_VALUES = { description: null };

export function toGroupValues(group?: ConsumerGroup): ConsumerGroupFormValues {
  return { name: group?.name ?? '', description: group?.description ?? '' };
}

export function toGroupPayload(v: ConsumerGroupFormValues): { payload: ConsumerGroupInput } {
  return { payload: { name: v.name.trim(), description: optionalText(v.description) } };
}
