import { z } from 'zod';
import type { UserRole } from '../db/database.js';
import { MIN_PASSWORD_LENGTH } from './password.js';
import { ROLES } from './user.policy.js';

/** What a desk account is made of, as people type it (setup, invites, the CLI). */
export const EmailSchema = z.string().trim().toLowerCase().max(254).email('Enter a valid email address.');
export const PasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, 'A password may have at most 200 characters.');
export const RoleSchema = z.enum(ROLES as [UserRole, ...UserRole[]], {
  message: 'Choose one of the roles: owner, admin, editor, author, contributor.',
});

export const NewUserSchema = z.object({
  email: EmailSchema,
  name: z.string().trim().min(1, 'A name is required.').max(120),
  role: RoleSchema,
  password: PasswordSchema,
});
/** A new account's typed values (a face parsed them with NewUserSchema). */
export type NewUser = z.output<typeof NewUserSchema>;

/** The one-time setup's form: the owner's email, name and password (the role is owner). */
export const SetupOwnerSchema = NewUserSchema.omit({ role: true });
export type SetupOwnerValues = z.output<typeof SetupOwnerSchema>;

/** An invite: who is asked, and to which role. */
export const InviteSchema = z.object({ email: EmailSchema, role: RoleSchema });
export type InviteValues = z.output<typeof InviteSchema>;

/** Accepting an invite: the new person's name and password. */
export const AcceptInviteSchema = z.object({
  name: z.string().trim().min(1, 'A name is required.').max(120),
  password: PasswordSchema,
});
export type AcceptInviteValues = z.output<typeof AcceptInviteSchema>;
