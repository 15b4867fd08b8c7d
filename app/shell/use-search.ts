'use client';
/**
 * The header search's state: the text in the box, debounced by {@link SEARCH_DEBOUNCE_MS} into a `search.query` call
 * (the previous answer stays shown while the next one loads).
 */
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTRPC } from '../providers';

/** Wait after the last keystroke before searching, ms. */
export const SEARCH_DEBOUNCE_MS = 250;
/** Longest query sent, characters (the server refuses longer: server/host/plate-search.ts). */
const SEARCH_QUERY_MAX_CHARS = 100;

/** The search box's text, its debounced query and the answer. */
export function useSearch() {
  const trpc = useTRPC();
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim().slice(0, SEARCH_QUERY_MAX_CHARS)), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const answer = useQuery(
    trpc.search.query.queryOptions(debounced ? { q: debounced } : skipToken, { placeholderData: keepPreviousData, staleTime: 30_000, retry: false }),
  );
  return {
    query,
    setQuery,
    groups: debounced && answer.data ? answer.data.groups : [],
    answeredQuery: debounced && answer.data ? answer.data.query : null,
    isSearching: answer.isFetching || query.trim() !== debounced,
    error: answer.error ? answer.error.message : null,
  };
}
