import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodPipe } from '../common/zod.pipe';
import { loginSchema, passwordChangeSchema, type LoginBody, type PasswordChangeBody } from '../people/people-schemas';
import { Actor } from './actor.decorator';
import { AuthService, type LoginResult } from './auth.service';
import { Permission, Public, type Principal } from './permissions';
import { clearSessionCookie, sessionFromCookie, sessionSetCookie } from './session-cookie';
import { csrfTokenOf } from './tokens';

type Me = Awaited<ReturnType<AuthService['me']>> & { csrfToken?: string };

const isHttps = (req: FastifyRequest): boolean => req.protocol === 'https';

/**
 * Sign-in for people: `{username (or e-mail), password}`. The CLI gets the session token in the answer and sends
 * it as a bearer token; the console asks for `cookie: true` and gets an http-only cookie instead, and a CSRF token
 * for its writes.
 */
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  async login(
    @Body(new ZodPipe(loginSchema)) body: LoginBody,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Omit<LoginResult, 'token'> & { token?: string }> {
    const result = await this.auth.login(body.username, body.password, req.ip);
    if (!body.cookie) return result;
    void reply.header('set-cookie', sessionSetCookie(result.token, isHttps(req)));
    const { token: _inCookie, ...rest } = result;
    return rest;
  }

  /** Who the caller is, their tenants and roles; with the session cookie also its CSRF token (the console reloads). */
  @Get('me')
  @Permission('self')
  async me(@Actor() actor: Principal, @Req() req: FastifyRequest): Promise<Me> {
    const me: Me = await this.auth.me(actor);
    const cookie = req.headers.authorization ? undefined : sessionFromCookie(req.headers.cookie);
    if (cookie) me.csrfToken = csrfTokenOf(cookie);
    return me;
  }

  @Post('logout')
  @HttpCode(204)
  @Permission('self')
  async logout(@Actor() actor: Principal, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(actor);
    void reply.header('set-cookie', clearSessionCookie(isHttps(req)));
  }

  /** Sign out everywhere: every session of the user ends (a stolen one too). */
  @Post('logout-all')
  @HttpCode(204)
  @Permission('self')
  async logoutAll(@Actor() actor: Principal, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logoutAll(actor);
    void reply.header('set-cookie', clearSessionCookie(isHttps(req)));
  }

  /** `{currentPassword, newPassword}`; the user's other sessions end. */
  @Post('password')
  @HttpCode(204)
  @Permission('self')
  changePassword(@Actor() actor: Principal, @Body(new ZodPipe(passwordChangeSchema)) body: PasswordChangeBody): Promise<void> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword);
  }
}
