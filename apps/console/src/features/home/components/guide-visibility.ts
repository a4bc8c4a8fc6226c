import { useEffect, useState } from 'react';

/** Per tenant: 'open' once the guide was shown (so it stays through its last steps), 'dismissed' once closed. */
type GuideMark = 'open' | 'dismissed';

const keyOf = (tenant: string) => `aya.console.guide.${tenant}`;

function readMark(tenant: string): GuideMark | null {
  try {
    const v = window.localStorage.getItem(keyOf(tenant));
    return v === 'open' || v === 'dismissed' ? v : null;
  } catch {
    return null;
  }
}

function writeMark(tenant: string, mark: GuideMark): void {
  try {
    window.localStorage.setItem(keyOf(tenant), mark);
  } catch {
    // not remembered: the guide shows again while the tenant has no route
  }
}

export interface GuideVisibility {
  shown: boolean;
  open: () => void;
  dismiss: () => void;
}

/**
 * The first-run guide shows by itself while a tenant has no route and nobody dismissed it there; once shown it stays
 * (the route it helps create would otherwise hide it before "try it"). "Getting started" opens it again any time.
 * Mount per tenant (`key={tenant}`): the mark is read once.
 */
export function useGuideVisibility(tenant: string, routeCount: number | undefined): GuideVisibility {
  const [mark, setMark] = useState<GuideMark | null>(() => readMark(tenant));
  const set = (next: GuideMark) => {
    writeMark(tenant, next);
    setMark(next);
  };
  const firstRun = mark === null && routeCount === 0;
  useEffect(() => {
    if (firstRun) {
      writeMark(tenant, 'open');
      setMark('open');
    }
  }, [firstRun, tenant]);
  return { shown: mark === 'open' || firstRun, open: () => set('open'), dismiss: () => set('dismissed') };
}
