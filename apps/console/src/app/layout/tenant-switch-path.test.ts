import { describe, expect, it } from 'vitest';
import { tenantSwitchPath } from './tenant-switch-path';

describe('tenantSwitchPath', () => {
  it('keeps a list page', () => {
    expect(tenantSwitchPath('/console/t/default/routes', 'acme')).toBe('/console/t/acme/routes');
  });

  it('keeps a "new" form without the old tenant’s query', () => {
    expect(tenantSwitchPath('/console/t/default/plugins/new', 'acme')).toBe('/console/t/acme/plugins/new');
  });

  it('sends a detail or edit page to its list: the id belongs to the other tenant', () => {
    expect(tenantSwitchPath('/console/t/default/upstreams/9b2f/edit', 'acme')).toBe('/console/t/acme/upstreams');
    expect(tenantSwitchPath('/console/t/default/consumers/9b2f', 'acme')).toBe('/console/t/acme/consumers');
  });

  it('keeps sections it does not know (pages added later)', () => {
    expect(tenantSwitchPath('/console/t/default/audit', 'acme')).toBe('/console/t/acme/audit');
  });

  it('goes to the tenant’s home from its index and escapes the slug', () => {
    expect(tenantSwitchPath('/console/t/default', 'a b')).toBe('/console/t/a%20b');
  });
});
