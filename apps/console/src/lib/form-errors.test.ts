import { describe, expect, it } from 'vitest';
import { serviceCreateSchema, upstreamCreateSchema } from '@aya/config-schema';
import { ApiError } from './api-error';
import { apiErrorToFormErrors, detailsToFormErrors, issuesToDetails, normalizePath, withoutField } from './form-errors';

describe('normalizePath', () => {
  it('accepts the API style and the common alternatives', () => {
    expect(normalizePath('paths.0')).toBe('paths.0');
    expect(normalizePath('paths[0]')).toBe('paths.0');
    expect(normalizePath('/targets/1/weight')).toBe('targets.1.weight');
    expect(normalizePath('body.url')).toBe('url');
  });
});

describe('detailsToFormErrors', () => {
  const roots = ['name', 'url', 'paths', 'targets'];

  it('puts each detail at its field and keeps the first message per path', () => {
    const res = detailsToFormErrors(
      [
        { path: 'url', message: 'bad url' },
        { path: 'paths.1', message: 'bad path' },
        { path: 'url', message: 'second' },
      ],
      roots,
    );
    expect(res).toEqual({ fields: { url: 'bad url', 'paths.1': 'bad path' }, form: null });
  });

  it('never drops a detail no field renders', () => {
    const res = detailsToFormErrors(
      [
        { path: 'priority', message: 'unknown key' },
        { path: '', message: 'body must be an object' },
      ],
      roots,
    );
    expect(res.fields).toEqual({});
    expect(res.form).toBe('priority: unknown key; body must be an object');
  });
});

describe('apiErrorToFormErrors', () => {
  it('shows a validation error only at its fields', () => {
    const err = new ApiError({ status: 400, code: 'AYA_CP_VALIDATION', message: 'Invalid body', details: [{ path: 'url', message: 'must be http(s)' }] });
    expect(apiErrorToFormErrors(err, ['name', 'url'])).toEqual({ fields: { url: 'must be http(s)' }, form: null });
  });

  it('shows a conflict at form level', () => {
    const err = new ApiError({ status: 409, code: 'AYA_CP_CONFLICT', message: 'service "a" already exists' });
    expect(apiErrorToFormErrors(err, ['name'])).toEqual({ fields: {}, form: 'service "a" already exists' });
  });

  it('shows a conflict that names a field (a duplicate name) at that field only', () => {
    const err = new ApiError({ status: 409, code: 'AYA_CP_CONFLICT', message: 'service "a" already exists', details: [{ path: 'name', message: 'a service with this name already exists' }] });
    expect(apiErrorToFormErrors(err, ['name', 'url'])).toEqual({ fields: { name: 'a service with this name already exists' }, form: null });
  });

  it('keeps the message of a conflict whose field the form does not render', () => {
    const err = new ApiError({ status: 409, code: 'AYA_CP_CONFLICT', message: 'consumer clash', details: [{ path: 'customId', message: 'taken' }] });
    expect(apiErrorToFormErrors(err, ['username'])).toEqual({ fields: {}, form: 'consumer clash: customId: taken' });
  });

  it('words the server’s schema messages for people too', () => {
    const err = new ApiError({ status: 400, code: 'AYA_CP_VALIDATION', message: 'invalid request body', details: [{ path: 'name', message: 'Too small: expected string to have >=1 characters' }] });
    expect(apiErrorToFormErrors(err, ['name'])).toEqual({ fields: { name: 'Required' }, form: null });
  });
});

describe('client-side validation takes the same road', () => {
  it('maps zod issues of the shared schemas to API-style paths', () => {
    const svc = serviceCreateSchema.safeParse({ name: 'ok', url: 'ftp://x' });
    expect(svc.success).toBe(false);
    if (svc.success) return;
    expect(detailsToFormErrors(issuesToDetails(svc.error.issues), ['name', 'url']).fields).toHaveProperty('url');

    const up = upstreamCreateSchema.safeParse({ name: 'u', targets: [{ target: 'a:1', weight: 1 }, { target: 'nope', weight: 1 }] });
    expect(up.success).toBe(false);
    if (up.success) return;
    expect(Object.keys(detailsToFormErrors(issuesToDetails(up.error.issues), ['targets']).fields)).toEqual(['targets.1.target']);
  });
});

describe('withoutField', () => {
  it('clears a field and everything under it', () => {
    const fields = { paths: 'a', 'paths.0': 'b', url: 'c' };
    expect(withoutField(fields, 'paths')).toEqual({ url: 'c' });
    expect(withoutField(fields, 'name')).toBe(fields);
  });
});
