'use client';
/**
 * The panorama tour (全景漫游) of a village: the panorama stops (image of kind panorama from the village's media,
 * title, heading, position) with their hotspot table (yaw −180..180°, pitch −90..90°, target: a building or another
 * panorama of the same village, label).
 */
import { useState, type FormEvent } from 'react';
import { JIANGXI_BBOX_DEG } from '@data/villages/jiangxi-bbox';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from './curate-messages';
import type { CurateBuildingView, CurateHotspot, CurateMediaView, CuratePanoramaFields, CuratePanoramaView, RowVersion } from './editor-shapes';
import { readNumber } from './number-fields';

/** Props of {@link PanoramasPanel}. */
export interface PanoramasPanelProps {
  locale: Locale;
  panoramas: readonly CuratePanoramaView[];
  buildings: readonly CurateBuildingView[];
  /** The village's media (only kind panorama is offered). */
  media: readonly CurateMediaView[];
  busy: boolean;
  onCreate: (fields: CuratePanoramaFields) => Promise<boolean>;
  onUpdate: (row: RowVersion, fields: CuratePanoramaFields) => Promise<boolean>;
  onDelete: (row: RowVersion) => void;
}

interface HotspotDraft {
  yawDeg: string;
  pitchDeg: string;
  /** `building:<id>` or `panorama:<id>`, '' = not chosen. */
  target: string;
  labelZh: string;
  labelEn: string | null;
}

interface Draft {
  mediaId: string;
  titleZh: string;
  headingDeg: string;
  position: string;
  hotspots: HotspotDraft[];
}

/** The panel (see module doc). */
export function PanoramasPanel({ locale, panoramas, buildings, media, busy, onCreate, onUpdate, onDelete }: PanoramasPanelProps) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  const images = media.filter((m) => m.kind === 'panorama');
  const [editing, setEditing] = useState<CuratePanoramaView | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((current) => (current ? { ...current, ...patch } : current));
  const setHotspot = (index: number, patch: Partial<HotspotDraft>) =>
    setDraft((current) => (current ? { ...current, hotspots: current.hotspots.map((h, i) => (i === index ? { ...h, ...patch } : h)) } : current));
  const [west, south, east, north] = JIANGXI_BBOX_DEG;
  const imageName = (id: string) => images.find((m) => m.id === id)?.altZh ?? id.slice(0, 8);

  const open = (panorama: CuratePanoramaView | 'new') => {
    setError(null);
    setEditing(panorama);
    setDraft(
      panorama === 'new'
        ? { mediaId: images[0]?.id ?? '', titleZh: '', headingDeg: '0', position: '', hotspots: [] }
        : {
            mediaId: panorama.mediaId,
            titleZh: panorama.titleZh,
            headingDeg: String(panorama.headingDeg),
            position: panorama.position ? `${panorama.position[0]}, ${panorama.position[1]}` : '',
            hotspots: panorama.hotspots.map((h) => ({ yawDeg: String(h.yawDeg), pitchDeg: String(h.pitchDeg), target: `${h.target.kind}:${h.target.id}`, labelZh: h.labelZh, labelEn: h.labelEn })),
          },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing || !draft) return;
    const headingDeg = readNumber(draft.headingDeg, 0, 360);
    if (headingDeg == null) return setError(t('number.invalid', { field: t('panoramas.heading'), min: 0, max: 360 }));
    let position: [number, number] | null = null;
    if (draft.position.trim()) {
      const [lonText = '', latText = ''] = draft.position.split(',');
      const lon = readNumber(lonText, west, east);
      const lat = readNumber(latText, south, north);
      if (lon == null || lat == null) return setError(t('number.invalid', { field: t('panoramas.position'), min: `${west}, ${south}`, max: `${east}, ${north}` }));
      position = [lon, lat];
    }
    const hotspots: CurateHotspot[] = [];
    for (const [index, h] of draft.hotspots.entries()) {
      const yawDeg = readNumber(h.yawDeg, -180, 180);
      const pitchDeg = readNumber(h.pitchDeg, -90, 90);
      if (yawDeg == null) return setError(`#${index + 1} ${t('number.invalid', { field: t('hotspot.yaw'), min: -180, max: 180 })}`);
      if (pitchDeg == null) return setError(`#${index + 1} ${t('number.invalid', { field: t('hotspot.pitch'), min: -90, max: 90 })}`);
      const [kind, id] = h.target.split(':');
      if (!id || (kind !== 'building' && kind !== 'panorama')) return setError(`#${index + 1} ${t('hotspot.target')}: ${t('hotspot.choose')}`);
      hotspots.push({ yawDeg, pitchDeg, target: { kind, id }, labelZh: h.labelZh.trim(), labelEn: h.labelEn });
    }
    const before = editing === 'new' ? null : editing;
    const fields: CuratePanoramaFields = { mediaId: draft.mediaId, titleZh: draft.titleZh.trim(), titleEn: before?.titleEn ?? null, position, headingDeg, hotspots };
    void (before ? onUpdate(before, fields) : onCreate(fields)).then((ok) => {
      if (ok) setEditing(null);
    });
  };
  const selfId = editing && editing !== 'new' ? editing.id : null;

  return (
    <section className="gt-card" aria-labelledby="gt-curate-panoramas-title" data-testid="curate-panoramas">
      <h2 className="gt-card__title" id="gt-curate-panoramas-title">{t('panoramas.title')}</h2>
      {panoramas.length === 0 ? (
        <p className="gt-table__muted">{t('panoramas.empty')}</p>
      ) : (
        <ul className="gt-curate-list">
          {panoramas.map((panorama) => (
            <li key={panorama.id} className="gt-curate-list__item">
              <span className="gt-table__primary">{panorama.titleZh}</span>
              <span className="gt-table__muted">{imageName(panorama.mediaId)} · {panorama.headingDeg}° · {t('panoramas.hotspots', { count: panorama.hotspots.length })}</span>
              <span className="gt-curate-list__actions">
                <button type="button" className="gt-button gt-button--small" disabled={busy} onClick={() => open(panorama)}>{t('row.edit')}</button>
                <button type="button" className="gt-button gt-button--small gt-button--danger" disabled={busy} onClick={() => window.confirm(t('row.confirmDelete', { name: panorama.titleZh })) && onDelete(panorama)}>
                  {t('row.delete')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {editing && draft ? (
        <form className="gt-curate-subform" onSubmit={submit}>
          <h3 className="gt-curate-section__title">{editing === 'new' ? t('panoramas.new') : t('panoramas.editTitle', { name: editing.titleZh })}</h3>
          <div className="gt-curate-grid">
            <label className="gt-field">
              <span className="gt-field__label">{t('panoramas.titleField')}</span>
              <input className="gt-input" required maxLength={60} value={draft.titleZh} onChange={(e) => set({ titleZh: e.target.value })} />
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('panoramas.image')}</span>
              <select className="gt-input" required value={draft.mediaId} onChange={(e) => set({ mediaId: e.target.value })}>
                {images.map((image) => (
                  <option key={image.id} value={image.id}>{image.altZh}</option>
                ))}
              </select>
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('panoramas.heading')}</span>
              <input className="gt-input" inputMode="decimal" value={draft.headingDeg} onChange={(e) => set({ headingDeg: e.target.value })} />
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('panoramas.position')}</span>
              <input className="gt-input gt-mono" value={draft.position} onChange={(e) => set({ position: e.target.value })} placeholder="117.9, 29.3" />
            </label>
          </div>
          <div className="gt-table-wrap">
            <table className="gt-table gt-curate-hotspots">
              <caption className="gt-field__label">{t('panoramas.hotspots', { count: draft.hotspots.length })}</caption>
              <thead>
                <tr>
                  <th>{t('hotspot.yaw')}</th>
                  <th>{t('hotspot.pitch')}</th>
                  <th>{t('hotspot.target')}</th>
                  <th>{t('hotspot.label')}</th>
                  <th className="gt-table__actions" />
                </tr>
              </thead>
              <tbody>
                {draft.hotspots.map((h, index) => (
                  <tr key={index}>
                    <td><input className="gt-input gt-input--compact gt-curate-angle" inputMode="decimal" value={h.yawDeg} onChange={(e) => setHotspot(index, { yawDeg: e.target.value })} aria-label={t('hotspot.yaw')} /></td>
                    <td><input className="gt-input gt-input--compact gt-curate-angle" inputMode="decimal" value={h.pitchDeg} onChange={(e) => setHotspot(index, { pitchDeg: e.target.value })} aria-label={t('hotspot.pitch')} /></td>
                    <td>
                      <select className="gt-input gt-input--compact" value={h.target} onChange={(e) => setHotspot(index, { target: e.target.value })} aria-label={t('hotspot.target')}>
                        <option value="">{t('hotspot.choose')}</option>
                        {buildings.map((b) => (
                          <option key={b.id} value={`building:${b.id}`}>{t('hotspot.building', { name: b.nameZh })}</option>
                        ))}
                        {panoramas.filter((p) => p.id !== selfId).map((p) => (
                          <option key={p.id} value={`panorama:${p.id}`}>{t('hotspot.panorama', { name: p.titleZh })}</option>
                        ))}
                      </select>
                    </td>
                    <td><input className="gt-input gt-input--compact" required maxLength={60} value={h.labelZh} onChange={(e) => setHotspot(index, { labelZh: e.target.value })} aria-label={t('hotspot.label')} /></td>
                    <td className="gt-table__actions">
                      <button type="button" className="gt-button gt-button--small" onClick={() => set({ hotspots: draft.hotspots.filter((_, i) => i !== index) })}>{t('hotspot.remove')}</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="gt-curate-actions gt-curate-actions--start">
            <button type="button" className="gt-button gt-button--small" onClick={() => set({ hotspots: [...draft.hotspots, { yawDeg: '0', pitchDeg: '0', target: '', labelZh: '', labelEn: null }] })}>{t('hotspot.add')}</button>
          </div>
          {error ? <p className="gt-form__error" role="alert">{error}</p> : null}
          <div className="gt-curate-actions">
            <button type="button" className="gt-button" onClick={() => setEditing(null)}>{t('row.cancel')}</button>
            <button type="submit" className="gt-button gt-button--primary" disabled={busy || !draft.mediaId}>{editing === 'new' ? t('row.create') : t('row.save')}</button>
          </div>
        </form>
      ) : images.length === 0 ? (
        panoramas.length > 0 ? <p className="gt-table__muted">{t('panoramas.noImages')}</p> : null
      ) : (
        <div className="gt-curate-actions">
          <button type="button" className="gt-button" disabled={busy} onClick={() => open('new')}>{t('panoramas.new')}</button>
        </div>
      )}
    </section>
  );
}
