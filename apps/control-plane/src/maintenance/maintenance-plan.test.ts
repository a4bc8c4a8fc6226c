import { describe, expect, it } from 'vitest';
import { maintenancePlan, revisionsToPrune } from './maintenance-plan';

describe('maintenancePlan', () => {
  const now = new Date('2030-01-31T12:00:00.000Z');

  it('derives the cut-offs from the retention settings', () => {
    const plan = maintenancePlan(now, { nodeRetentionHours: 24, auditRetentionDays: 90, keepRevisions: 100 });
    expect(plan.staleNodes.lastSeenAt.lt.toISOString()).toBe('2030-01-30T12:00:00.000Z');
    expect(plan.oldAuditEvents.createdAt.lt.toISOString()).toBe('2029-11-02T12:00:00.000Z');
    expect(plan.keepRevisionsSkip).toBe(99);
  });

  it('accepts fractional hours', () => {
    const plan = maintenancePlan(now, { nodeRetentionHours: 0.5, auditRetentionDays: 1, keepRevisions: 1 });
    expect(plan.staleNodes.lastSeenAt.lt.toISOString()).toBe('2030-01-31T11:30:00.000Z');
    expect(plan.keepRevisionsSkip).toBe(0);
  });
});

describe('revisionsToPrune', () => {
  it('deletes below the oldest kept revision, and nothing when there are fewer than kept', () => {
    expect(revisionsToPrune(42)).toEqual({ revision: { lt: 42 } });
    expect(revisionsToPrune(undefined)).toBeUndefined();
  });
});
