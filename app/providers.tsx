'use client';
/**
 * App-wide client providers: TanStack Query and the tRPC v11 client (`@trpc/tanstack-react-query`) talking to
 * `/api/trpc` with the superjson transformer (on the link, as tRPC v11 requires); subscriptions over SSE
 * (`httpSubscriptionLink`, the browser's EventSource, same-origin cookies).
 *
 * Client components use `const trpc = useTRPC()` with `useQuery(trpc.twin.models.list.queryOptions())`.
 *
 * @see https://trpc.io/docs/client/tanstack-react-query/setup
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import superjson from 'superjson';
import { z } from 'zod';
import type { AppRouter } from '@server/api/root';
import { TRPC_ENDPOINT, TRPC_MAX_BATCH_SIZE } from '@server/api/trpc-http-config';

// zod 4 probes `new Function('')` to decide whether to compile validators; the page CSP forbids eval (see
// server/api/content-security-policy.ts), so tell it up front and skip the probe (and its CSP violation report).
z.config({ jitless: true });

/** How long query results count as fresh, ms (catalogue data changes rarely). */
export const QUERY_STALE_TIME_MS = 60_000;

/** tRPC React context: `TRPCProvider`, `useTRPC()` (query/mutation options) and `useTRPCClient()`. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: QUERY_STALE_TIME_MS, refetchOnWindowFocus: false, retry: 1 },
    },
  });
}

/** Wraps the app in the query client and tRPC providers (one client per browser tab). */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Subscriptions (sensors.live.*) stream as server-sent events over GET; everything else is batched.
        splitLink({
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({ url: TRPC_ENDPOINT, transformer: superjson }),
          false: httpBatchLink({ url: TRPC_ENDPOINT, transformer: superjson, maxItems: TRPC_MAX_BATCH_SIZE }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
