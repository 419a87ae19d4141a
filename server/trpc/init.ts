import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from './context.ts';
import { message, type MessageKey } from '../../shared/messages.ts';
import { hasForbiddenCharacters } from '../../shared/text.ts';
import { issuesText, type Issue } from '../../shared/validation.ts';
import { can, type Action, type Thing } from '../policy/index.ts';
import { DomainError } from '../domain/errors.ts';
import type { CommandDeps } from '../domain/command.ts';

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    // Stack traces stay in the server's log, never in an answer; nor does a database's own message.
    const { stack: _stack, ...data } = shape.data;
    shape = { ...shape, data };
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      return { ...shape, message: message(ctx?.locale ?? 'vi', 'internalError', { requestId: ctx?.requestId ?? '' }) };
    }
    if (error.cause instanceof z.ZodError) {
      const locale = ctx?.locale ?? 'vi';
      const details = issuesText(locale, error.cause.issues as Issue[]);
      return {
        ...shape,
        message: `${message(locale, 'invalidInput')} ${details}`,
        data: { ...shape.data, fieldErrors: z.flattenError(error.cause).fieldErrors },
      };
    }
    return shape;
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every procedure: input holding control characters (NUL...) or broken surrogates is refused before
 * it is parsed, stored or truncated; a rule of the domain that refused a change becomes a typed
 * error in the caller's language.
 */
export const publicProcedure = t.procedure.use(async ({ ctx, next, getRawInput }) => {
  if (hasForbiddenCharacters(await getRawInput())) fail(ctx, 'BAD_REQUEST', 'controlCharacters');
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: message(ctx.locale, cause.key, cause.params), cause });
  }
  return result;
});

type ErrorCode = 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_REQUEST' | 'CONFLICT' | 'TOO_MANY_REQUESTS';

/** A typed tRPC error whose message is in the caller's language. */
export function fail(ctx: Pick<Context, 'locale'>, code: ErrorCode, key: MessageKey, params?: Record<string, string | number>): never {
  throw new TRPCError({ code, message: message(ctx.locale, key, params) });
}

/** A signed-in caller, with `authorize` asking the policy and refusing with FORBIDDEN. */
export type ProtectedContext = Context & {
  user: NonNullable<Context['user']>;
  session: NonNullable<Context['session']>;
  authorize<A extends Action>(action: A, thing: Thing<A>): void;
};

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) fail(ctx, 'UNAUTHORIZED', 'unauthorized');
  const user = ctx.user;
  const protectedCtx: ProtectedContext = {
    ...ctx,
    user,
    session: ctx.session,
    authorize(action, thing) {
      if (!can(user, action, thing)) fail(ctx, 'FORBIDDEN', 'forbidden');
    },
  };
  return next({ ctx: protectedCtx });
});

/** What a command needs of the request: the database, the live documents and the person acting. */
export function commandDeps(ctx: ProtectedContext): CommandDeps {
  return { db: ctx.db, live: ctx.live, actor: ctx.user };
}
