'use client';
/**
 * The saved-views menu (保存的视角): a header button that opens a small panel to name and save the current view, and
 * a list of saved views to fly to, copy a link to, or delete. Renders only; the caller stores the views (an account
 * on the server, or this browser for anonymous visitors) and says which.
 */
import { useState, type FormEvent } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { SAVED_VIEWS_MESSAGES } from './saved-views-messages';

/** A saved view as the menu lists it. */
export interface SavedViewItem {
  id: string;
  name: string;
}

/** Props of {@link SavedViewsPanel}. */
export interface SavedViewsPanelProps<V extends SavedViewItem> {
  locale: Locale;
  views: readonly V[];
  /** Where the views are kept (shown as a note). */
  storage: 'account' | 'browser';
  isLoading: boolean;
  isSaving: boolean;
  /** The last failure to show, or `null`. */
  error: string | null;
  /** Longest name, characters. */
  maxNameChars: number;
  /** Most views; the save button is disabled at this count. */
  maxViews: number;
  onSave: (name: string) => void;
  onOpen: (view: V) => void;
  onRemove: (view: V) => void;
  /** The shareable URL of a view. */
  linkOf: (view: V) => string;
}

/** The saved-views menu (see module doc). */
export function SavedViewsPanel<V extends SavedViewItem>(props: SavedViewsPanelProps<V>) {
  const { locale, views, storage, isLoading, isSaving, error, maxNameChars, maxViews, onSave, onOpen, onRemove, linkOf } = props;
  const t = createTranslator(SAVED_VIEWS_MESSAGES, locale);
  const [isOpen, setIsOpen] = useState(false);
  const [name, setName] = useState('');
  const [copy, setCopy] = useState<{ viewId: string; ok: boolean; link: string } | null>(null);
  const isFull = views.length >= maxViews;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed || isFull) return;
    onSave(trimmed);
    setName('');
  };
  const copyLink = async (view: V) => {
    const link = linkOf(view);
    try {
      await navigator.clipboard.writeText(link);
      setCopy({ viewId: view.id, ok: true, link });
    } catch {
      setCopy({ viewId: view.id, ok: false, link });
    }
  };

  return (
    <div className="gt-views" data-testid="saved-views">
      <button type="button" className="gt-button" aria-expanded={isOpen} aria-haspopup="dialog" onClick={() => setIsOpen(!isOpen)} data-testid="saved-views-button">
        <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true" className="gt-views__icon">
          <path d="M5 2h10v16l-5-4-5 4z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
        </svg>
        <span className="gt-views__button-text">{t('views.button')}</span>
      </button>
      {isOpen ? (
        <section className="gt-views__panel gt-panel" role="dialog" aria-label={t('views.title')} data-testid="saved-views-panel">
          <header className="gt-views__header">
            <h2 className="gt-views__title">{t('views.title')}</h2>
            <span className="gt-views__storage">{t(storage === 'account' ? 'views.storedInAccount' : 'views.storedInBrowser')}</span>
          </header>
          <form className="gt-views__form" onSubmit={submit}>
            <input
              className="gt-views__name"
              aria-label={t('views.nameLabel')}
              placeholder={t('views.namePlaceholder')}
              value={name}
              maxLength={maxNameChars}
              onChange={(event) => setName(event.target.value)}
              data-testid="saved-view-name"
            />
            <button type="submit" className="gt-button gt-button--primary" disabled={!name.trim() || isSaving || isFull} data-testid="saved-view-save">
              {isSaving ? t('views.saving') : t('views.save')}
            </button>
          </form>
          {isFull ? <p className="gt-views__note">{t('views.limit', { max: maxViews })}</p> : null}
          {error ? (
            <p className="gt-views__error" role="alert">
              {t('views.error', { message: error })}
            </p>
          ) : null}
          {isLoading ? <p className="gt-views__note">{t('views.loading')}</p> : null}
          {!isLoading && !views.length ? <p className="gt-views__note">{t('views.empty')}</p> : null}
          <ul className="gt-views__list">
            {views.map((view) => (
              <li key={view.id} className="gt-views__item" data-view-id={view.id}>
                <button type="button" className="gt-views__open" onClick={() => onOpen(view)} aria-label={t('views.open', { name: view.name })} data-testid="saved-view-open">
                  {view.name}
                </button>
                <button type="button" className="gt-views__action" onClick={() => void copyLink(view)} title={t('views.copyLink')} aria-label={t('views.copyLink')}>
                  <svg viewBox="0 0 20 20" width="14" height="14" aria-hidden="true">
                    <path d="M8 12l4-4M7 9l-2 2a3 3 0 004 4l2-2M13 11l2-2a3 3 0 00-4-4L9 7" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
                  </svg>
                </button>
                <button type="button" className="gt-views__action" onClick={() => onRemove(view)} title={t('views.remove', { name: view.name })} aria-label={t('views.remove', { name: view.name })} data-testid="saved-view-remove">
                  ×
                </button>
                {copy?.viewId === view.id ? (
                  <p className="gt-views__copied" role="status">
                    {copy.ok ? t('views.copied') : t('views.copyFailed')}
                    {copy.ok ? null : <input readOnly value={copy.link} onFocus={(event) => event.target.select()} />}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
