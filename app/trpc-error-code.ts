/**
 * The tRPC error code (`NOT_FOUND`, `BAD_REQUEST`, …) of an error thrown by a tRPC query on the client, or `null`
 * for anything else (network failure, a non-tRPC error). The server sets it in `error.data.code`.
 * @see server/api/error-map.ts (GanTwin error classes → these codes)
 */
export function trpcErrorCode(error: unknown): string | null {
  const data = (error as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === 'string' ? data.code : null;
}
