import { publicProcedure, router, scopedProcedure } from '@server/api/trpc';
import { zodInput } from '@server/api/zod-input';
import { listAudit } from './audit-service';
import { auditListInput, createUserInput, updateUserInput, userIdInput, usersListInput } from './inputs';
import { createUser, listUsers, me, resetPassword, setUserDisabled, updateUser } from './users-service';

/**
 * The `accounts` plate's router, mounted as `accounts` in root.ts. Sign-in, sign-out and password change are
 * better-auth endpoints under `/api/auth/*` (auth-http-handler.ts), not procedures.
 */
export const accountsRouter = router({
  /** The caller, or null when anonymous (public; also while the one-time password is pending). */
  me: publicProcedure.query(({ ctx }) => (ctx.actor ? me(ctx.db, ctx.actor) : null)),
  users: router({
    list: scopedProcedure('admin').input(zodInput(usersListInput)).query(({ ctx, input }) => listUsers(ctx.db, ctx.actor, input)),
    create: scopedProcedure('admin').input(zodInput(createUserInput)).mutation(({ ctx, input }) => createUser(ctx.db, ctx.actor, input)),
    update: scopedProcedure('admin').input(zodInput(updateUserInput)).mutation(({ ctx, input }) => updateUser(ctx.db, ctx.actor, input)),
    disable: scopedProcedure('admin').input(zodInput(userIdInput)).mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.actor, input, true)),
    enable: scopedProcedure('admin').input(zodInput(userIdInput)).mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.actor, input, false)),
    resetPassword: scopedProcedure('admin').input(zodInput(userIdInput)).mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.actor, input)),
  }),
  audit: router({
    list: scopedProcedure('admin').input(zodInput(auditListInput)).query(({ ctx, input }) => listAudit(ctx.db, ctx.actor, input)),
  }),
});
