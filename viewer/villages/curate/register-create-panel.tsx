'use client';
/**
 * "Create a village from the register": a search box over the register (统计用区划代码) of the curator's region, the
 * hits (name, town, county, code) each with a Create button (or "exists"), and an optional display name.
 */
import { useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from './curate-messages';

/** One register hit (the shape of `villages.curate.register.search`). */
export interface RegisterHitView {
  code: string;
  name: string;
  town: string;
  county: string;
  city: string;
  hasVillage: boolean;
}

/** Props of {@link RegisterCreatePanel}. */
export interface RegisterCreatePanelProps {
  locale: Locale;
  query: string;
  onQueryChange: (query: string) => void;
  hits: readonly RegisterHitView[];
  searching: boolean;
  busy: boolean;
  onCreate: (registerCode: string, nameZh: string | null) => void;
}

/** The panel (see module doc). */
export function RegisterCreatePanel({ locale, query, onQueryChange, hits, searching, busy, onCreate }: RegisterCreatePanelProps) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  const [nameZh, setNameZh] = useState('');
  return (
    <section className="gt-card" aria-labelledby="gt-curate-create-title" data-testid="curate-create">
      <h2 className="gt-card__title" id="gt-curate-create-title">{t('create.title')}</h2>
      <p className="gt-table__muted gt-curate-hint">{t('create.hint')}</p>
      <div className="gt-curate-grid">
        <label className="gt-field">
          <span className="gt-field__label">{t('create.search')}</span>
          <input className="gt-input" type="search" maxLength={40} value={query} placeholder={t('create.placeholder')} onChange={(e) => onQueryChange(e.target.value)} data-testid="register-search" />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('create.nameLabel')}</span>
          <input className="gt-input" maxLength={60} value={nameZh} onChange={(e) => setNameZh(e.target.value)} />
        </label>
      </div>
      {query.trim() && !searching && hits.length === 0 ? <p className="gt-table__muted">{t('create.none')}</p> : null}
      {hits.length > 0 ? (
        <ul className="gt-curate-list" data-testid="register-hits">
          {hits.map((hit) => (
            <li key={hit.code} className="gt-curate-list__item" data-testid="register-hit" data-code={hit.code}>
              <span className="gt-table__primary">{hit.name}</span>
              <span className="gt-table__muted">{hit.city} {hit.county} {hit.town} · <span className="gt-mono">{hit.code}</span></span>
              <span className="gt-curate-list__actions">
                {hit.hasVillage ? (
                  <span className="gt-badge">{t('create.exists')}</span>
                ) : (
                  <button type="button" className="gt-button gt-button--small gt-button--primary" disabled={busy} onClick={() => onCreate(hit.code, nameZh.trim() || null)} data-testid="register-create">
                    {t('create.create')}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
