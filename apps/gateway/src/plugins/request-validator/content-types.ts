/**
 * `allowedContentTypes` compiled once: exact media types, `type/*` and `*\/*` ranges. Parameters
 * (`; charset=utf-8`) never take part in the match.
 */
export function compileMediaRanges(ranges: readonly string[]): (mediaType: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  let any = false;
  for (const range of ranges.map((r) => r.toLowerCase())) {
    if (range === '*/*') any = true;
    else if (range.endsWith('/*')) prefixes.push(range.slice(0, -1));
    else exact.add(range);
  }
  return (type) => any || exact.has(type) || (type !== '' && prefixes.some((p) => type.startsWith(p)));
}
