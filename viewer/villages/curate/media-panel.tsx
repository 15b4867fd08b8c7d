'use client';
/**
 * The media (影像) of a village: the upload form (kind photo / panorama, alternative text required, caption, credit,
 * building shown, file) with the upload's progress, and the uploaded images as thumbnails, each of which a photo can
 * be made the cover. The upload itself is the page's (it posts `POST /api/villages/media`); this panel only collects
 * the fields and shows `progressPct`.
 */
import { useState, type FormEvent } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from './curate-messages';
import type { CurateBuildingView, CurateMediaView } from './editor-shapes';

/** What the upload form submits (the multipart fields of `POST /api/villages/media`, villageId added by the page). */
export interface MediaUpload {
  kind: 'photo' | 'panorama';
  altZh: string;
  altEn: string;
  captionZh: string;
  credit: string;
  buildingId: string;
  file: File;
}

/** Props of {@link MediaPanel}. */
export interface MediaPanelProps {
  locale: Locale;
  media: readonly CurateMediaView[];
  buildings: readonly CurateBuildingView[];
  coverMediaId: string | null;
  busy: boolean;
  /** Upload progress 0..100 while uploading, null otherwise. */
  progressPct: number | null;
  /** Resolves true when uploaded (the form is then cleared). */
  onUpload: (upload: MediaUpload) => Promise<boolean>;
  onSetCover: (mediaId: string) => void;
}

/**
 * The same-site address of the smallest stored variant at least `minWidth` wide (else the widest), null without any.
 * Same rule as the public document (`/media/<key>`, server/villages/public-village.ts mediaVariantUrl).
 */
export function thumbnailUrl(variants: CurateMediaView['variants'], minWidth = 240): string | null {
  if (variants.length === 0) return null;
  const sorted = [...variants].sort((a, b) => a.width - b.width || (a.format === 'webp' ? -1 : 1));
  const chosen = sorted.find((v) => v.width >= minWidth && v.format !== 'avif') ?? sorted[sorted.length - 1];
  return `/media/${chosen.key}`;
}

const EMPTY = { kind: 'photo' as 'photo' | 'panorama', altZh: '', altEn: '', captionZh: '', credit: '', buildingId: '' };

/** The panel (see module doc). */
export function MediaPanel({ locale, media, buildings, coverMediaId, busy, progressPct, onUpload, onSetCover }: MediaPanelProps) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  const [draft, setDraft] = useState(EMPTY);
  const [file, setFile] = useState<File | null>(null);
  const [formKey, setFormKey] = useState(0);
  const set = (patch: Partial<typeof EMPTY>) => setDraft((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || busy) return;
    void onUpload({ ...draft, altZh: draft.altZh.trim(), file }).then((ok) => {
      if (!ok) return;
      setDraft(EMPTY);
      setFile(null);
      setFormKey((key) => key + 1);
    });
  };
  return (
    <section className="gt-card" aria-labelledby="gt-curate-media-title" data-testid="curate-media">
      <h2 className="gt-card__title" id="gt-curate-media-title">{t('media.title')}</h2>
      {media.length === 0 ? (
        <p className="gt-table__muted">{t('media.empty')}</p>
      ) : (
        <ul className="gt-curate-media">
          {media.map((item) => {
            const url = thumbnailUrl(item.variants);
            return (
              <li key={item.id} className="gt-curate-media__item" data-testid="media-item">
                {url ? <img className="gt-curate-media__thumb" src={url} alt={item.altZh} loading="lazy" /> : <div className="gt-curate-media__thumb" aria-hidden="true" />}
                <span className="gt-curate-media__alt">{item.altZh}</span>
                <span className="gt-table__muted">
                  {t(item.kind === 'photo' ? 'media.kind.photo' : 'media.kind.panorama')} · {item.width}×{item.height}
                  {item.isGenerated ? ` · ${t('media.generated')}` : ''}
                </span>
                {item.id === coverMediaId ? (
                  <span className="gt-badge">{t('media.isCover')}</span>
                ) : item.kind === 'photo' ? (
                  <button type="button" className="gt-button gt-button--small" disabled={busy} onClick={() => onSetCover(item.id)}>{t('media.cover')}</button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <form key={formKey} className="gt-curate-subform" onSubmit={submit} data-testid="media-upload-form">
        <h3 className="gt-curate-section__title">{t('media.upload')}</h3>
        <div className="gt-curate-grid">
          <label className="gt-field">
            <span className="gt-field__label">{t('media.kind')}</span>
            <select className="gt-input" value={draft.kind} onChange={(e) => set({ kind: e.target.value as 'photo' | 'panorama' })}>
              <option value="photo">{t('media.kind.photo')}</option>
              <option value="panorama">{t('media.kind.panorama')}</option>
            </select>
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('media.altZh')}</span>
            <input className="gt-input" required maxLength={200} value={draft.altZh} onChange={(e) => set({ altZh: e.target.value })} />
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('media.altEn')}</span>
            <input className="gt-input" maxLength={400} value={draft.altEn} onChange={(e) => set({ altEn: e.target.value })} />
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('media.captionZh')}</span>
            <input className="gt-input" maxLength={500} value={draft.captionZh} onChange={(e) => set({ captionZh: e.target.value })} />
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('media.credit')}</span>
            <input className="gt-input" maxLength={200} value={draft.credit} onChange={(e) => set({ credit: e.target.value })} />
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('media.building')}</span>
            <select className="gt-input" value={draft.buildingId} onChange={(e) => set({ buildingId: e.target.value })}>
              <option value="">{t('media.buildingNone')}</option>
              {buildings.map((b) => (
                <option key={b.id} value={b.id}>{b.nameZh}</option>
              ))}
            </select>
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('media.file')}</span>
            <input className="gt-input gt-curate-file" type="file" required accept="image/jpeg,image/png,image/webp" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
        </div>
        {progressPct !== null ? (
          <div className="gt-curate-progress">
            <progress max={100} value={progressPct} aria-label={t('media.uploading', { percent: Math.round(progressPct) })} />
            <span className="gt-table__muted">{t('media.uploading', { percent: Math.round(progressPct) })}</span>
          </div>
        ) : null}
        <div className="gt-curate-actions">
          <button type="submit" className="gt-button gt-button--primary" disabled={busy || !file}>{t('media.upload')}</button>
        </div>
      </form>
    </section>
  );
}
