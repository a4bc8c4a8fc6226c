import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '../common/zod.pipe';
import { Actor } from './actor.decorator';
import { AuthService, type LoginResult } from './auth.service';
import { Permission, Public, type Principal } from './permissions';

const loginSchema = z.strictObject({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});
type LoginBody = z.infer<typeof loginSchema>;

@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  login(@Body(new ZodPipe(loginSchema)) body: LoginBody, @Ip() address: string): Promise<LoginResult> {
    return this.auth.login(body.username, body.password, address);
  }

  @Get('me')
  @Permission('self')
  me(@Actor() actor: Principal): { user: { id: string; username: string; role: string } } {
    return { user: { id: actor.id, username: actor.username, role: actor.role } };
  }

  @Post('logout')
  @HttpCode(204)
  @Permission('self')
  logout(@Actor() actor: Principal): Promise<void> {
    return this.auth.logout(actor);
  }
}
