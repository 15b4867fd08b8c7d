'use client';
/**
 * Saved views for the twin shell: a signed-in account's views through `twin.savedViews.*`, an anonymous visitor's in
 * `localStorage` (validated when read back: kernel/saved-view.ts `parseStoredViews`). The same list, save and remove
 * either way.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { CameraState } from '@viewer/core/camera-url';
import { LOCAL_SAVED_VIEWS_KEY, parseStoredViews, SAVED_VIEWS_MAX_PER_ACCOUNT, savedViewInputSchema, type SavedView } from '@kernel/saved-view';
import { useTRPC } from '../providers';

/** What a new view records. */
export interface NewSavedView {
  name: string;
  camera: CameraState;
  layerVisibility: Record<string, boolean>;
}

/** The saved views of whoever is using the twin. */
export interface SavedViewsState {
  views: SavedView[];
  storage: 'account' | 'browser';
  isLoading: boolean;
  isSaving: boolean;
  error: string | null;
  save: (view: NewSavedView) => void;
  remove: (view: SavedView) => void;
}

function readLocal(): SavedView[] {
  try {
    return parseStoredViews(window.localStorage.getItem(LOCAL_SAVED_VIEWS_KEY));
  } catch {
    // Storage blocked (private mode, policy): nothing stored.
    return [];
  }
}

function writeLocal(views: readonly SavedView[]): string | null {
  try {
    window.localStorage.setItem(LOCAL_SAVED_VIEWS_KEY, JSON.stringify(views));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Saved views (see module doc). */
export function useSavedViews(): SavedViewsState {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const meQuery = useQuery(trpc.accounts.me.queryOptions(undefined, { staleTime: 0 }));
  const isSignedIn = Boolean(meQuery.data && !meQuery.data.mustChangePassword);
  const listQuery = useQuery(trpc.twin.savedViews.list.queryOptions(undefined, { enabled: isSignedIn, retry: false }));
  const listKey = trpc.twin.savedViews.list.queryKey();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: listKey });
  const createMutation = useMutation(trpc.twin.savedViews.create.mutationOptions({ onSettled: invalidate }));
  const removeMutation = useMutation(trpc.twin.savedViews.remove.mutationOptions({ onSettled: invalidate }));

  const [localViews, setLocalViews] = useState<SavedView[]>([]);
  const [localError, setLocalError] = useState<string | null>(null);
  useEffect(() => setLocalViews(readLocal()), []);
  const updateLocal = useCallback((change: (views: SavedView[]) => SavedView[]) => {
    const next = change(readLocal());
    setLocalError(writeLocal(next));
    setLocalViews(next);
  }, []);

  if (isSignedIn) {
    return {
      views: listQuery.data ?? [],
      storage: 'account',
      isLoading: listQuery.isPending,
      isSaving: createMutation.isPending,
      error: (createMutation.error ?? removeMutation.error ?? listQuery.error)?.message ?? null,
      save: (view) => createMutation.mutate(view),
      remove: (view) => removeMutation.mutate({ id: view.id }),
    };
  }
  return {
    views: localViews,
    storage: 'browser',
    isLoading: meQuery.isPending,
    isSaving: false,
    error: localError,
    save: (view) => {
      // The same checks as the server's, so that what is stored reads back.
      const parsed = savedViewInputSchema.safeParse(view);
      if (!parsed.success) {
        setLocalError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
        return;
      }
      updateLocal((views) => [{ ...parsed.data, id: `local-${crypto.randomUUID()}`, createdAt: new Date() }, ...views].slice(0, SAVED_VIEWS_MAX_PER_ACCOUNT));
    },
    remove: (view) => updateLocal((views) => views.filter((candidate) => candidate.id !== view.id)),
  };
}
