import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../server/trpc/routers/_app.ts';
import { currentDictionary } from './i18n.tsx';

export type Outputs = inferRouterOutputs<AppRouter>;

/** The typed API client. Plain JSON, no transformer, cookies sent by the browser. */
export const api = createTRPCClient<AppRouter>({
  links: [splitLink({
    // Subscriptions arrive as server-sent events; everything else is batched.
    condition: (op) => op.type === 'subscription',
    true: httpSubscriptionLink({ url: '/trpc' }),
    false: httpBatchLink({ url: '/trpc', maxItems: 20 }),
  })],
});

/** A message a person can act on, from whatever a call threw. */
export function errorMessage(error: unknown): string {
  // No answer at all (offline, server down): the browser's own words ("Failed to fetch") mean nothing to a reader.
  if (error instanceof TRPCClientError && !error.data) return currentDictionary().common.unreachable;
  if (error instanceof TRPCClientError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
