'use client';
/**
 * The points of interest (古井, 古树, 码头 …) of a village: a table (edit, delete) and one form to add or edit a point
 * (kind, names, description, position `[lon, lat]` degrees WGS84 inside Jiangxi).
 */
import { useState, type FormEvent } from 'react';
import { JIANGXI_BBOX_DEG } from '@data/villages/jiangxi-bbox';
import { POI_KIND_SLUGS, POI_KINDS } from '@data/villages/poi-kinds';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from './curate-messages';
import type { CuratePoiFields, CuratePoiView, RowVersion } from './editor-shapes';
import { readNumber } from './number-fields';

/** Props of {@link PoisPanel}. */
export interface PoisPanelProps {
  locale: Locale;
  pois: readonly CuratePoiView[];
  /** Where a new point starts (the village position). */
  defaultPosition: [number, number];
  busy: boolean;
  onCreate: (fields: CuratePoiFields) => Promise<boolean>;
  onUpdate: (row: RowVersion, fields: CuratePoiFields) => Promise<boolean>;
  onDelete: (row: RowVersion) => void;
}

interface Draft {
  kind: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  lon: string;
  lat: string;
}

/** The panel (see module doc). */
export function PoisPanel({ locale, pois, defaultPosition, busy, onCreate, onUpdate, onDelete }: PoisPanelProps) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  const kindLabel = (kind: string) => {
    const labels = POI_KINDS[kind as keyof typeof POI_KINDS];
    return labels ? (locale === 'en' ? labels.en : labels.zh) : kind;
  };
  const [editing, setEditing] = useState<CuratePoiView | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((current) => (current ? { ...current, ...patch } : current));
  const [west, south, east, north] = JIANGXI_BBOX_DEG;

  const open = (poi: CuratePoiView | 'new') => {
    setError(null);
    setEditing(poi);
    const source = poi === 'new' ? { kind: 'well', nameZh: '', nameEn: null, descriptionZh: '', position: defaultPosition } : poi;
    setDraft({ kind: source.kind, nameZh: source.nameZh, nameEn: source.nameEn ?? '', descriptionZh: source.descriptionZh, lon: String(source.position[0]), lat: String(source.position[1]) });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing || !draft) return;
    const lon = readNumber(draft.lon, west, east);
    const lat = readNumber(draft.lat, south, north);
    if (lon == null) return setError(t('number.invalid', { field: t('fields.lon'), min: west, max: east }));
    if (lat == null) return setError(t('number.invalid', { field: t('fields.lat'), min: south, max: north }));
    const before = editing === 'new' ? null : editing;
    const fields: CuratePoiFields = { kind: draft.kind as CuratePoiFields['kind'], nameZh: draft.nameZh.trim(), nameEn: draft.nameEn.trim() || null, descriptionZh: draft.descriptionZh, descriptionEn: before?.descriptionEn ?? null, position: [lon, lat] };
    void (before ? onUpdate(before, fields) : onCreate(fields)).then((ok) => {
      if (ok) setEditing(null);
    });
  };

  return (
    <section className="gt-card" aria-labelledby="gt-curate-pois-title" data-testid="curate-pois">
      <h2 className="gt-card__title" id="gt-curate-pois-title">{t('pois.title')}</h2>
      {pois.length === 0 ? (
        <p className="gt-table__muted">{t('pois.empty')}</p>
      ) : (
        <div className="gt-table-wrap">
          <table className="gt-table">
            <thead>
              <tr>
                <th>{t('pois.name')}</th>
                <th>{t('pois.kind')}</th>
                <th className="gt-curate-optional">{t('pois.position')}</th>
                <th className="gt-table__actions" />
              </tr>
            </thead>
            <tbody>
              {pois.map((poi) => (
                <tr key={poi.id}>
                  <td className="gt-table__primary gt-curate-name">{poi.nameZh}</td>
                  <td className="gt-table__nowrap">{kindLabel(poi.kind)}</td>
                  <td className="gt-mono gt-table__nowrap gt-curate-optional">{poi.position[0].toFixed(6)}, {poi.position[1].toFixed(6)}</td>
                  <td className="gt-table__actions">
                    <button type="button" className="gt-button gt-button--small" disabled={busy} onClick={() => open(poi)}>{t('row.edit')}</button>
                    <button type="button" className="gt-button gt-button--small gt-button--danger" disabled={busy} onClick={() => window.confirm(t('row.confirmDelete', { name: poi.nameZh })) && onDelete(poi)}>
                      {t('row.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && draft ? (
        <form className="gt-curate-subform" onSubmit={submit}>
          <h3 className="gt-curate-section__title">{editing === 'new' ? t('pois.new') : t('pois.editTitle', { name: editing.nameZh })}</h3>
          <div className="gt-curate-grid">
            <label className="gt-field">
              <span className="gt-field__label">{t('pois.kind')}</span>
              <select className="gt-input" value={draft.kind} onChange={(e) => set({ kind: e.target.value })}>
                {POI_KIND_SLUGS.map((slug) => (
                  <option key={slug} value={slug}>{kindLabel(slug)}</option>
                ))}
              </select>
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('buildings.nameZh')}</span>
              <input className="gt-input" required maxLength={60} value={draft.nameZh} onChange={(e) => set({ nameZh: e.target.value })} />
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('buildings.nameEn')}</span>
              <input className="gt-input" maxLength={120} value={draft.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('fields.lon')}</span>
              <input className="gt-input" inputMode="decimal" value={draft.lon} onChange={(e) => set({ lon: e.target.value })} />
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('fields.lat')}</span>
              <input className="gt-input" inputMode="decimal" value={draft.lat} onChange={(e) => set({ lat: e.target.value })} />
            </label>
          </div>
          <label className="gt-field">
            <span className="gt-field__label">{t('pois.description')}</span>
            <textarea className="gt-input gt-curate-textarea" rows={2} maxLength={5000} value={draft.descriptionZh} onChange={(e) => set({ descriptionZh: e.target.value })} />
          </label>
          {error ? <p className="gt-form__error" role="alert">{error}</p> : null}
          <div className="gt-curate-actions">
            <button type="button" className="gt-button" onClick={() => setEditing(null)}>{t('row.cancel')}</button>
            <button type="submit" className="gt-button gt-button--primary" disabled={busy}>{editing === 'new' ? t('row.create') : t('row.save')}</button>
          </div>
        </form>
      ) : (
        <div className="gt-curate-actions">
          <button type="button" className="gt-button" disabled={busy} onClick={() => open('new')}>{t('pois.new')}</button>
        </div>
      )}
    </section>
  );
}
