'use client';
/**
 * The list page's client part: `villages.curate.villages.list` as a table, and the register search
 * (`villages.curate.register.search`, debounced) whose Create calls `villages.curate.villages.create` and opens the
 * new village's editor.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { regionName } from '@viewer/ui/region-options';
import { CURATE_MESSAGES } from '@viewer/villages/curate/curate-messages';
import { RegisterCreatePanel } from '@viewer/villages/curate/register-create-panel';
import { VillageListTable } from '@viewer/villages/curate/village-list-table';
import { useTRPC } from '../../providers';
import { CURATE_PATHS } from './curate-paths';
import { formatCurateTime } from './format-time';
import './curate.css';

/** Wait after the last keystroke before searching, ms. */
const SEARCH_DEBOUNCE_MS = 250;

/** The page (see module doc). */
export function CurateListApp({ locale, regionCode }: { locale: Locale; regionCode: string }) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  const trpc = useTRPC();
  const villagesQuery = useQuery(trpc.villages.curate.villages.list.queryOptions(undefined, { staleTime: 0 }));
  const regionsQuery = useQuery(trpc.twin.regions.list.queryOptions({}));
  const [query, setQuery] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(query.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const searchQuery = useQuery(trpc.villages.curate.register.search.queryOptions({ query: debounced }, { enabled: debounced.length > 0, staleTime: 0 }));
  const create = useMutation(trpc.villages.curate.villages.create.mutationOptions());
  const [error, setError] = useState<string | null>(null);

  const onCreate = (registerCode: string, nameZh: string | null) => {
    setError(null);
    create.mutate(
      { registerCode, ...(nameZh ? { nameZh } : {}) },
      {
        onSuccess: (village) => window.location.assign(CURATE_PATHS.editor(village.code)),
        onError: (failure) => setError(t('failed', { message: failure.message })),
      },
    );
  };
  const villages = villagesQuery.data ?? [];
  const region = `${regionName(regionsQuery.data ?? [], regionCode)}（${regionCode}）`;
  return (
    <div className="gt-admin__page gt-curate">
      <h1 className="gt-admin__title">{t('list.title')}</h1>
      <p className="gt-table__muted">{t('list.intro', { region })}</p>
      {error ? <p className="gt-form__error" role="alert" data-testid="curate-list-error">{error}</p> : null}
      <section className="gt-card" aria-label={t('list.title')}>
        {villagesQuery.isPending ? (
          <p className="gt-table__muted">{t('list.loading')}</p>
        ) : villagesQuery.error ? (
          <p className="gt-form__error" role="alert">{t('failed', { message: villagesQuery.error.message })}</p>
        ) : villages.length === 0 ? (
          <p className="gt-table__muted">{t('list.empty')}</p>
        ) : (
          <VillageListTable locale={locale} villages={villages} editorHref={CURATE_PATHS.editor} formatTime={(at) => formatCurateTime(at, locale)} />
        )}
      </section>
      <RegisterCreatePanel
        locale={locale} query={query} onQueryChange={setQuery} hits={debounced ? (searchQuery.data ?? []) : []}
        searching={searchQuery.isFetching || query.trim() !== debounced} busy={create.isPending} onCreate={onCreate}
      />
    </div>
  );
}
