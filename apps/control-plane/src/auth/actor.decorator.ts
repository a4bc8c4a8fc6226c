import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { UnauthenticatedError } from '../common/errors';
import type { Principal } from './permissions';

export interface AuthedRequest {
  principal?: Principal;
}

/** The authenticated principal the guard attached to the request. */
export const Actor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new UnauthenticatedError();
  return principal;
});
