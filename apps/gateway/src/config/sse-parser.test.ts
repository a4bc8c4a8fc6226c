import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('parses events split across chunks, skips comments', () => {
    const p = new SseParser();
    expect(p.push(': ping\n\nevent: revi')).toEqual([]);
    expect(p.push('sion\ndata: {"revision":2,')).toEqual([]);
    expect(p.push('"hash":"h"}\n\ndata: a\ndata: b\r\n\r\n')).toEqual([
      { event: 'revision', data: '{"revision":2,"hash":"h"}' },
      { event: 'message', data: 'a\nb' },
    ]);
  });
});
