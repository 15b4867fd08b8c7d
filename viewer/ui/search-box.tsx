'use client';
/**
 * The header's search box: a combobox whose results are grouped by plate. Typing reports the text (the caller
 * debounces and searches), ↑/↓ move through the results, Enter chooses, Esc closes (a second Esc clears the text).
 * On a phone it is an icon that expands into a full-width field under the header (CSS: app/shell/map-furniture.css).
 * Renders only: the caller passes the results and decides what choosing one does.
 * @see https://www.w3.org/WAI/ARIA/apg/patterns/combobox/ (editable combobox with list autocomplete)
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { SEARCH_MESSAGES } from './search-messages';

/** One result as the box shows it (the server's `SearchResult` satisfies this). */
export interface SearchBoxResult {
  /** `region`, `model`, `element` or a plate's own word. */
  kind: string;
  id: string;
  title: Readonly<Record<Locale, string>>;
  subtitle: Readonly<Record<Locale, string>> | null;
}

/** One plate's results. */
export interface SearchBoxGroup<R extends SearchBoxResult> {
  plate: string;
  status: 'ok' | 'timeout' | 'error';
  results: readonly R[];
}

/** Props of {@link SearchBox}. */
export interface SearchBoxProps<R extends SearchBoxResult> {
  locale: Locale;
  /** The text in the field. */
  query: string;
  onQueryChange: (query: string) => void;
  /** Results of the last answered search (for `answeredQuery`), by plate. */
  groups: readonly SearchBoxGroup<R>[];
  /** The query the groups answer, or `null` before any answer. */
  answeredQuery: string | null;
  isSearching: boolean;
  /** Why the search failed, or `null`. */
  error: string | null;
  /** A plate's title in the UI locale. */
  plateTitle: (slug: string) => string;
  onChoose: (result: R) => void;
}

const KNOWN_KINDS = new Set(['region', 'model', 'element']);

/** The search box (see module doc). */
export function SearchBox<R extends SearchBoxResult>(props: SearchBoxProps<R>) {
  const { locale, query, onQueryChange, groups, answeredQuery, isSearching, error, plateTitle, onChoose } = props;
  const t = createTranslator(SEARCH_MESSAGES, locale);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [isOpen, setIsOpen] = useState(false);
  const [isExpanded, setIsExpanded] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);

  const flat = useMemo(() => groups.flatMap((group) => group.results), [groups]);
  const hasText = query.trim().length > 0;
  const showList = isOpen && hasText;
  const active = activeIndex >= 0 && activeIndex < flat.length ? flat[activeIndex] : null;
  const optionId = (index: number) => `${listId}-option-${index}`;

  const choose = (result: R) => {
    onChoose(result);
    setIsOpen(false);
    setActiveIndex(-1);
    setIsExpanded(false);
    inputRef.current?.blur();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setIsOpen(true);
      if (!flat.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((previous) => (previous < 0 ? (step > 0 ? 0 : flat.length - 1) : (previous + step + flat.length) % flat.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const target = active ?? flat[0];
      if (target && answeredQuery !== null) choose(target);
    } else if (event.key === 'Escape') {
      // Keeps the shell's Esc (clear the selection) for when the box has nothing to close.
      if (!showList && !hasText && !isExpanded) return;
      event.preventDefault();
      event.stopPropagation();
      if (showList) setIsOpen(false);
      else if (hasText) onQueryChange('');
      else setIsExpanded(false);
      setActiveIndex(-1);
    }
  };

  let index = -1;
  return (
    <div className="gt-search" data-expanded={isExpanded ? 'true' : 'false'} data-testid="search-box">
      <button
        type="button"
        className="gt-search__toggle gt-button"
        aria-label={isExpanded ? t('search.close') : t('search.open')}
        aria-expanded={isExpanded}
        onClick={() => {
          const next = !isExpanded;
          setIsExpanded(next);
          if (next) setTimeout(() => inputRef.current?.focus(), 0);
        }}
      >
        <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <line x1="12.6" y1="12.6" x2="17.5" y2="17.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      <div className="gt-search__field">
        <input
          ref={inputRef}
          type="search"
          className="gt-search__input"
          role="combobox"
          aria-label={t('search.label')}
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active ? optionId(activeIndex) : undefined}
          placeholder={t('search.placeholder')}
          value={query}
          maxLength={100}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => {
            onQueryChange(event.target.value);
            setIsOpen(true);
            setActiveIndex(-1);
          }}
          onFocus={() => setIsOpen(true)}
          onBlur={() => setTimeout(() => setIsOpen(false), 150)}
          onKeyDown={onKeyDown}
          data-testid="search-input"
        />
        {showList ? (
          <div className="gt-search__popup" data-testid="search-results">
            <div id={listId} role="listbox" aria-label={t('search.results')} className="gt-search__list">
              {groups.map((group) =>
                group.results.length || group.status !== 'ok' ? (
                  <div key={group.plate} role="group" aria-label={plateTitle(group.plate)} className="gt-search__group" data-plate={group.plate}>
                    <div className="gt-search__group-title" aria-hidden="true">
                      {plateTitle(group.plate)}
                    </div>
                    {group.status !== 'ok' ? <div className="gt-search__note">{t(group.status === 'timeout' ? 'search.timeout' : 'search.failed')}</div> : null}
                    {group.results.map((result) => {
                      index += 1;
                      const position = index;
                      return (
                        <div
                          key={`${result.kind}:${result.id}`}
                          id={optionId(position)}
                          role="option"
                          aria-selected={position === activeIndex}
                          className="gt-search__option"
                          data-kind={result.kind}
                          data-result-id={result.id}
                          onMouseDown={(event) => event.preventDefault()}
                          onMouseEnter={() => setActiveIndex(position)}
                          onClick={() => choose(result)}
                        >
                          <span className="gt-search__kind">{KNOWN_KINDS.has(result.kind) ? t(`kind.${result.kind}` as 'kind.region') : result.kind}</span>
                          <span className="gt-search__text">
                            <span className="gt-search__title">{result.title[locale]}</span>
                            {result.subtitle ? <span className="gt-search__subtitle">{result.subtitle[locale]}</span> : null}
                          </span>
                        </div>
                      );
                    })}
                  </div>
                ) : null,
              )}
            </div>
            <div className="gt-search__status" role="status">
              {error
                ? t('search.error', { message: error })
                : isSearching && answeredQuery !== query.trim()
                  ? t('search.searching')
                  : answeredQuery !== null && !flat.length
                    ? t('search.empty', { query: answeredQuery })
                    : t('search.hint')}
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}
