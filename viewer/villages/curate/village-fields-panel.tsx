'use client';
/**
 * The village's own fields: names, summary, national batch (select), themes (checkboxes), position (lon/lat with the
 * "verified" checkbox and the 位置待核实 explanation while unverified) and the boundary as GeoJSON text. Saves only the
 * fields the curator changed; typing a new position ticks "verified" (a curator enters the surveyed point).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { JIANGXI_BBOX_DEG } from '@data/villages/jiangxi-bbox';
import { VILLAGE_THEME_SLUGS, VILLAGE_THEMES } from '@data/villages/themes';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from './curate-messages';
import type { CurateVillagePatch, CurateVillageView } from './editor-shapes';
import { numberText, readNumber } from './number-fields';
import { parsePolygonText, polygonText } from './polygon-text';

/** Props of {@link VillageFieldsPanel}. */
export interface VillageFieldsPanelProps {
  locale: Locale;
  village: CurateVillageView;
  busy: boolean;
  /** Resolves true when saved (the form then takes its text as the new base). */
  onSave: (patch: CurateVillagePatch) => Promise<boolean>;
}

interface Draft {
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  nationalBatch: string;
  themes: string[];
  lon: string;
  lat: string;
  isPositionVerified: boolean;
  boundary: string;
}

function draftOf(village: CurateVillageView): Draft {
  return {
    nameZh: village.nameZh,
    nameEn: village.nameEn ?? '',
    summaryZh: village.summaryZh,
    summaryEn: village.summaryEn ?? '',
    nationalBatch: numberText(village.nationalBatch),
    themes: village.themes,
    // 7 decimals ≈ 1 cm: the stored double's last digits are noise to a curator.
    lon: String(Number(village.position[0].toFixed(7))),
    lat: String(Number(village.position[1].toFixed(7))),
    isPositionVerified: village.isPositionVerified,
    boundary: polygonText(village.boundary),
  };
}

/** The panel (see module doc). */
export function VillageFieldsPanel({ locale, village, busy, onSave }: VillageFieldsPanelProps) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  const [base, setBase] = useState(() => draftOf(village));
  const [draft, setDraft] = useState(base);
  const [error, setError] = useState<string | null>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(base);
  // A save (here or by another panel) refreshes the village: take it over unless the curator is typing.
  useEffect(() => {
    if (dirty) return;
    const next = draftOf(village);
    setBase(next);
    setDraft(next);
    // Only a new version of the village resets the form (not every render's new object).
  }, [village.updatedAt.getTime()]);
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const [west, south, east, north] = JIANGXI_BBOX_DEG;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const patch: CurateVillagePatch = {};
    if (draft.nameZh !== base.nameZh) patch.nameZh = draft.nameZh.trim();
    if (draft.nameEn !== base.nameEn) patch.nameEn = draft.nameEn.trim() || null;
    if (draft.summaryZh !== base.summaryZh) patch.summaryZh = draft.summaryZh;
    if (draft.summaryEn !== base.summaryEn) patch.summaryEn = draft.summaryEn.trim() ? draft.summaryEn : null;
    if (draft.nationalBatch !== base.nationalBatch) patch.nationalBatch = draft.nationalBatch ? Number(draft.nationalBatch) : null;
    if (JSON.stringify(draft.themes) !== JSON.stringify(base.themes)) patch.themes = VILLAGE_THEME_SLUGS.filter((slug) => draft.themes.includes(slug));
    if (draft.lon !== base.lon || draft.lat !== base.lat) {
      const lon = readNumber(draft.lon, west, east);
      const lat = readNumber(draft.lat, south, north);
      if (lon == null) return setError(t('number.invalid', { field: t('fields.lon'), min: west, max: east }));
      if (lat == null) return setError(t('number.invalid', { field: t('fields.lat'), min: south, max: north }));
      patch.position = [lon, lat];
      patch.isPositionVerified = draft.isPositionVerified;
    } else if (draft.isPositionVerified !== base.isPositionVerified) patch.isPositionVerified = draft.isPositionVerified;
    if (draft.boundary !== base.boundary) {
      const parsed = parsePolygonText(draft.boundary);
      if (!parsed.ok) return setError(`${t('fields.boundary')}: ${t(parsed.key, parsed.params)}`);
      patch.boundary = parsed.polygon;
    }
    const saved = draft;
    void onSave(patch).then((ok) => {
      if (ok) setBase(saved);
    });
  };

  return (
    <form className="gt-card gt-curate-fields" onSubmit={submit} aria-labelledby="gt-curate-fields-title" data-testid="curate-fields">
      <h2 className="gt-card__title" id="gt-curate-fields-title">{t('fields.title')}</h2>
      <div className="gt-curate-grid">
        <label className="gt-field">
          <span className="gt-field__label">{t('fields.nameZh')}</span>
          <input className="gt-input" required maxLength={60} value={draft.nameZh} onChange={(e) => set({ nameZh: e.target.value })} data-testid="fields-name-zh" />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('fields.nameEn')}</span>
          <input className="gt-input" maxLength={120} value={draft.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('fields.batch')}</span>
          <select className="gt-input" value={draft.nationalBatch} onChange={(e) => set({ nationalBatch: e.target.value })} data-testid="fields-batch">
            <option value="">{t('fields.batchNone')}</option>
            {[1, 2, 3, 4, 5, 6].map((n) => (
              <option key={n} value={String(n)}>{t('fields.batchN', { n })}</option>
            ))}
          </select>
        </label>
      </div>
      <label className="gt-field">
        <span className="gt-field__label">{t('fields.summaryZh')}</span>
        <textarea className="gt-input gt-curate-textarea" rows={3} maxLength={1000} value={draft.summaryZh} onChange={(e) => set({ summaryZh: e.target.value })} data-testid="fields-summary-zh" />
      </label>
      <label className="gt-field">
        <span className="gt-field__label">{t('fields.summaryEn')}</span>
        <textarea className="gt-input gt-curate-textarea" rows={2} maxLength={2000} value={draft.summaryEn} onChange={(e) => set({ summaryEn: e.target.value })} />
      </label>
      <fieldset className="gt-curate-themes">
        <legend className="gt-field__label">{t('fields.themes')}</legend>
        {VILLAGE_THEME_SLUGS.map((slug) => (
          <label key={slug} className="gt-curate-check">
            <input
              type="checkbox"
              checked={draft.themes.includes(slug)}
              onChange={(e) => set({ themes: e.target.checked ? VILLAGE_THEME_SLUGS.filter((s) => s === slug || draft.themes.includes(s)) : draft.themes.filter((s) => s !== slug) })}
            />
            {locale === 'en' ? VILLAGE_THEMES[slug].en : VILLAGE_THEMES[slug].zh}
          </label>
        ))}
      </fieldset>
      <div className="gt-curate-grid">
        <label className="gt-field">
          <span className="gt-field__label">{t('fields.lon')}</span>
          <input className="gt-input" inputMode="decimal" value={draft.lon} onChange={(e) => set({ lon: e.target.value, isPositionVerified: true })} data-testid="fields-lon" />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('fields.lat')}</span>
          <input className="gt-input" inputMode="decimal" value={draft.lat} onChange={(e) => set({ lat: e.target.value, isPositionVerified: true })} data-testid="fields-lat" />
        </label>
        <label className="gt-curate-check gt-curate-check--field">
          <input type="checkbox" checked={draft.isPositionVerified} onChange={(e) => set({ isPositionVerified: e.target.checked })} data-testid="fields-verified" />
          {t('fields.verified')}
        </label>
      </div>
      {draft.isPositionVerified ? null : <p className="gt-curate-note" role="note" data-testid="fields-unverified-note">{t('fields.unverifiedNote')}</p>}
      <label className="gt-field">
        <span className="gt-field__label">{t('fields.boundary')}</span>
        <textarea className="gt-input gt-curate-textarea gt-mono" rows={3} spellCheck={false} value={draft.boundary} onChange={(e) => set({ boundary: e.target.value })} data-testid="fields-boundary" />
      </label>
      {error ? <p className="gt-form__error" role="alert">{error}</p> : null}
      <div className="gt-curate-actions">
        <button type="submit" className="gt-button gt-button--primary" disabled={busy || !dirty} data-testid="fields-save">{t('fields.save')}</button>
      </div>
    </form>
  );
}
