import { describe, expect, it, vi } from 'vitest';
import { ConfigEvents } from './config-events';

describe('ConfigEvents', () => {
  it('closeAll ends open streams, and a stream that subscribes afterwards is ended too', async () => {
    const events = new ConfigEvents();
    const open = vi.fn();
    events.subscribe(() => undefined, open);
    events.closeAll();
    expect(open).toHaveBeenCalledTimes(1);
    const late = vi.fn();
    const listener = vi.fn();
    events.subscribe(listener, late);
    await Promise.resolve();
    expect(late).toHaveBeenCalledTimes(1);
    events.emit({ revision: 2 } as never);
    expect(listener).not.toHaveBeenCalled();
    expect(events.size).toBe(0);
  });
});
