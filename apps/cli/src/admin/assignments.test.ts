import { describe, expect, it } from 'vitest';
import { parseAssignment, setPath } from './assignments';
import { UsageError } from './errors';

describe('parseAssignment (--set / --config)', () => {
  it.each([
    ['limits[0].limit=5', ['limits', 0, 'limit'], 5],
    ['config.limits.0.limit=5', ['config', 'limits', 0, 'limit'], 5],
    ['enabled=false', ['enabled'], false],
    ['service=null', ['service'], null],
    ['methods=["GET","POST"]', ['methods'], ['GET', 'POST']],
    ['window=minute', ['window'], 'minute'],
    ['customId=007', ['customId'], '007'],
    ['description=', ['description'], ''],
    ['query=a=b', ['query'], 'a=b'],
    ['headers.x-api-version=2', ['headers', 'x-api-version'], 2],
  ])('%s', (raw, path, value) => {
    expect(parseAssignment(raw)).toEqual({ path, value });
  });

  it.each(['no-equals', '=5', 'a..b=1', 'a[x]=1', '.a=1', 'a.=1', 'a[]=1'])('%s is a usage error', (raw) => {
    expect(() => parseAssignment(raw)).toThrow(UsageError);
  });
});

describe('setPath', () => {
  const apply = (target: Record<string, unknown>, ...raws: string[]) => {
    for (const raw of raws) {
      const { path, value } = parseAssignment(raw);
      setPath(target, path, value);
    }
    return target;
  };

  it('creates the objects and lists on the way, and appends to a list', () => {
    expect(apply({}, 'limits[0].limit=5', 'limits[0].window=minute', 'limits[1].limit=100', 'limits[1].window=hour')).toEqual({
      limits: [
        { limit: 5, window: 'minute' },
        { limit: 100, window: 'hour' },
      ],
    });
  });

  it('changes one leaf of what is there and replaces a scalar in the way', () => {
    expect(apply({ a: { b: 1, c: 2 }, d: 'x' }, 'a.b=3', 'd.e=4')).toEqual({ a: { b: 3, c: 2 }, d: { e: 4 } });
  });

  it('refuses a gap in a list and a name on a list', () => {
    expect(() => apply({}, 'a[1]=1')).toThrow(/would leave a gap/);
    expect(() => apply({ a: [] }, 'a.x=1')).toThrow(/is a list/);
  });
});
