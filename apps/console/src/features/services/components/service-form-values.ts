import { RETRY_BUDGET_DEFAULTS, SERVICE_DEFAULTS, parseServiceUrl, type Service, type ServiceProtocol, type serviceCreateSchema } from '@aya/config-schema';
import type { z } from 'zod';
import { numberText, optionalNumber, optionalText } from '../../../lib/form-values';

/** What the form sends: the schema's input, whose retry budget parts may be left to their defaults. */
export type ServiceInput = z.input<typeof serviceCreateSchema>;

export interface ServiceFormValues {
  name: string;
  url: string;
  connectTimeoutMs: string;
  readTimeoutMs: string;
  retries: string;
  sendTimeoutMs: string;
  /** blank: no limit */
  totalTimeoutMs: string;
  retryBudget: { ratio: string; windowMs: string; minRetries: string };
  /** '' = from the URL (http for upstream://) */
  protocol: ServiceProtocol | '';
  tlsVerify: boolean;
  tlsServerName: string;
  clientCertificateId: string;
  caCertificateId: string;
}

export const SERVICE_FORM_FIELDS = [
  'name',
  'url',
  'connectTimeoutMs',
  'readTimeoutMs',
  'retries',
  'sendTimeoutMs',
  'totalTimeoutMs',
  'retryBudget',
  'protocol',
  'tlsVerify',
  'tlsServerName',
  'clientCertificateId',
  'caCertificateId',
] as const;

/** How a PATCH says "back to the default" for the fields that have one; the others need a full replace. */
export const SERVICE_CLEAR_VALUES = {
  connectTimeoutMs: SERVICE_DEFAULTS.connectTimeoutMs,
  readTimeoutMs: SERVICE_DEFAULTS.readTimeoutMs,
  retries: SERVICE_DEFAULTS.retries,
  sendTimeoutMs: SERVICE_DEFAULTS.sendTimeoutMs,
  totalTimeoutMs: null,
  retryBudget: RETRY_BUDGET_DEFAULTS,
  tlsVerify: true,
};

/** Fields of the Advanced section: an error in one of them opens it. */
export const SERVICE_ADVANCED_FIELDS = SERVICE_FORM_FIELDS.filter((f) => !['name', 'url', 'connectTimeoutMs', 'readTimeoutMs', 'retries'].includes(f));

export function toServiceValues(service?: Service): ServiceFormValues {
  const budget = service?.retryBudget;
  return {
    name: service?.name ?? '',
    url: service?.url ?? '',
    connectTimeoutMs: numberText(service?.connectTimeoutMs),
    readTimeoutMs: numberText(service?.readTimeoutMs),
    retries: numberText(service?.retries),
    sendTimeoutMs: numberText(service?.sendTimeoutMs),
    totalTimeoutMs: numberText(service?.totalTimeoutMs),
    retryBudget: { ratio: numberText(budget?.ratio), windowMs: numberText(budget?.windowMs), minRetries: numberText(budget?.minRetries) },
    protocol: service?.protocol ?? '',
    tlsVerify: service?.tlsVerify ?? true,
    tlsServerName: service?.tlsServerName ?? '',
    clientCertificateId: service?.clientCertificateId ?? '',
    caCertificateId: service?.caCertificateId ?? '',
  };
}

export function isUpstreamUrl(url: string): boolean {
  return parseServiceUrl(url.trim())?.kind === 'upstream';
}

export function toServicePayload(v: ServiceFormValues): { payload: ServiceInput } {
  const b = v.retryBudget;
  const budgetSet = [b.ratio, b.windowMs, b.minRetries].some((x) => x.trim() !== '');
  return {
    payload: {
      name: v.name.trim(),
      url: v.url.trim(),
      connectTimeoutMs: optionalNumber(v.connectTimeoutMs),
      readTimeoutMs: optionalNumber(v.readTimeoutMs),
      retries: optionalNumber(v.retries),
      sendTimeoutMs: optionalNumber(v.sendTimeoutMs),
      totalTimeoutMs: optionalNumber(v.totalTimeoutMs),
      // zod fills the blank parts of a budget with their defaults
      retryBudget: budgetSet
        ? { ratio: optionalNumber(b.ratio), windowMs: optionalNumber(b.windowMs), minRetries: optionalNumber(b.minRetries) }
        : undefined,
      // only an upstream:// url leaves the protocol open
      protocol: v.protocol && isUpstreamUrl(v.url) ? v.protocol : undefined,
      tlsVerify: v.tlsVerify ? undefined : false,
      tlsServerName: optionalText(v.tlsServerName),
      clientCertificateId: v.clientCertificateId || undefined,
      caCertificateId: v.caCertificateId || undefined,
    },
  };
}
