import { mustWrite, startPlatform, type Platform, type PlatformOptions } from './platform';
import { startTargetProcess, type TargetProcess } from './targets';
import type { DrillContext } from './types';

export interface OneRoute {
  p: Platform;
  target: TargetProcess;
  /** The revision every gateway applied. */
  revision: number;
}

/**
 * The platform with one target process (`a`) behind service `svc` and a route on `path`, applied on
 * every gateway: the setup of the drills that break the config flow rather than the upstream.
 */
export async function platformWithRoute(ctx: DrillContext, opts: PlatformOptions, path: string): Promise<OneRoute> {
  const p = await startPlatform(ctx, opts);
  const target = await startTargetProcess('a');
  ctx.defer(() => target.kill());
  await mustWrite(p.api, 'POST', '/api/v1/tenants/default/services', { name: 'svc', url: `http://${target.target}` });
  await mustWrite(p.api, 'POST', '/api/v1/tenants/default/routes', { name: 'r', service: 'svc', paths: [path] });
  return { p, target, revision: await p.inSync() };
}
