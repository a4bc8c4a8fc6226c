import { z } from 'zod';
import { TENANT_ROLES } from '../auth/permissions';

/** Letters, digits, `.`, `_`, `-`: no '@', so a sign-in name with one is an e-mail address. */
export const usernameSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only');
/** Stored lowercased: it signs in like the username, whatever case is typed. */
export const emailSchema = z
  .email()
  .max(254)
  .transform((v) => v.toLowerCase());
export const newPasswordSchema = z.string().min(8, 'at least 8 characters').max(1024);
export const tenantRoleSchema = z.enum(TENANT_ROLES);

export const loginSchema = z.strictObject({
  /** username or e-mail */
  username: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
  /** true (the console): the session goes into an http-only cookie and the answer carries no token */
  cookie: z.boolean().optional(),
});
export type LoginBody = z.infer<typeof loginSchema>;

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: newPasswordSchema,
});
export type PasswordChangeBody = z.infer<typeof passwordChangeSchema>;

export const userCreateSchema = z.strictObject({
  username: usernameSchema,
  email: emailSchema.optional(),
  password: newPasswordSchema,
  superadmin: z.boolean().optional(),
});
export type UserCreateBody = z.infer<typeof userCreateSchema>;

/** PATCH: `email: null` removes the address; a new password, or `disabled: true`, ends the user's sessions. */
export const userUpdateSchema = z.strictObject({
  username: usernameSchema.optional(),
  email: emailSchema.nullable().optional(),
  password: newPasswordSchema.optional(),
  superadmin: z.boolean().optional(),
  /** true: the user cannot sign in (a 403 once the password is right) until set false again */
  disabled: z.boolean().optional(),
});
export type UserUpdateBody = z.infer<typeof userUpdateSchema>;

export const memberAddSchema = z.strictObject({
  /** username or e-mail of an existing user */
  user: z.string().min(1).max(254),
  role: tenantRoleSchema,
});
export type MemberAddBody = z.infer<typeof memberAddSchema>;

export const memberUpdateSchema = z.strictObject({ role: tenantRoleSchema });
export type MemberUpdateBody = z.infer<typeof memberUpdateSchema>;

export const tokenCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: tenantRoleSchema,
  /** optional expiry, in the future */
  expiresAt: z.iso
    .datetime({ offset: true })
    .refine((v) => Date.parse(v) > Date.now(), 'must be in the future')
    .optional(),
});
export type TokenCreateBody = z.infer<typeof tokenCreateSchema>;
