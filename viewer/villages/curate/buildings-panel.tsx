'use client';
/**
 * The historic buildings (传统建筑) of a village: a table in curator order (move up/down, edit, delete) and one form to
 * add or edit a building. The footprint is GeoJSON text (checked here by ./polygon-text.ts, then by PostGIS); the eave
 * height is metres (0, 100].
 */
import { useState, type FormEvent } from 'react';
import { BUILDING_TYPE_SLUGS, BUILDING_TYPES, PROTECTION_LEVEL_LABELS } from '@data/villages/building-types';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from './curate-messages';
import type { CurateBuildingFields, CurateBuildingView, RowVersion } from './editor-shapes';
import { numberText, readNumber } from './number-fields';
import { parsePolygonText, polygonText } from './polygon-text';

/** Props of {@link BuildingsPanel}. */
export interface BuildingsPanelProps {
  locale: Locale;
  buildings: readonly CurateBuildingView[];
  busy: boolean;
  /** Resolve true when saved (the form closes). */
  onCreate: (fields: CurateBuildingFields) => Promise<boolean>;
  onUpdate: (row: RowVersion, fields: CurateBuildingFields) => Promise<boolean>;
  onDelete: (row: RowVersion) => void;
  /** The new order of all building ids. */
  onReorder: (ids: string[]) => void;
}

const PROTECTION_LEVELS = Object.keys(PROTECTION_LEVEL_LABELS) as (keyof typeof PROTECTION_LEVEL_LABELS)[];

interface Draft {
  nameZh: string;
  nameEn: string;
  eraZh: string;
  buildingType: string;
  protectionLevel: string;
  descriptionZh: string;
  footprint: string;
  heightM: string;
}

const EMPTY: Draft = { nameZh: '', nameEn: '', eraZh: '', buildingType: 'residence', protectionLevel: 'none', descriptionZh: '', footprint: '', heightM: '' };

/** The panel (see module doc). */
export function BuildingsPanel({ locale, buildings, busy, onCreate, onUpdate, onDelete, onReorder }: BuildingsPanelProps) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  const label = (labels: { zh: string; en: string } | undefined, fallback: string) => (labels ? (locale === 'en' ? labels.en : labels.zh) : fallback);
  /** null = form closed, 'new' = adding, else the building edited. */
  const [editing, setEditing] = useState<CurateBuildingView | 'new' | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  const open = (building: CurateBuildingView | 'new') => {
    setError(null);
    setEditing(building);
    setDraft(
      building === 'new'
        ? EMPTY
        : {
            nameZh: building.nameZh,
            nameEn: building.nameEn ?? '',
            eraZh: building.eraZh,
            buildingType: building.buildingType,
            protectionLevel: building.protectionLevel,
            descriptionZh: building.descriptionZh,
            footprint: polygonText(building.footprint),
            heightM: numberText(building.heightM),
          },
    );
  };
  const move = (index: number, by: -1 | 1) => {
    const ids = buildings.map((b) => b.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    onReorder(ids);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const footprint = parsePolygonText(draft.footprint);
    if (!footprint.ok) return setError(`${t('buildings.footprintField')}: ${t(footprint.key, footprint.params)}`);
    const heightM = readNumber(draft.heightM, 0.01, 100, true);
    if (heightM === undefined) return setError(t('number.invalid', { field: t('buildings.heightField'), min: 0, max: 100 }));
    const before = editing === 'new' ? null : editing;
    const fields: CurateBuildingFields = {
      nameZh: draft.nameZh.trim(),
      nameEn: draft.nameEn.trim() || null,
      eraZh: draft.eraZh.trim(),
      eraEn: before?.eraEn ?? null,
      buildingType: draft.buildingType as CurateBuildingFields['buildingType'],
      protectionLevel: draft.protectionLevel as CurateBuildingFields['protectionLevel'],
      descriptionZh: draft.descriptionZh,
      descriptionEn: before?.descriptionEn ?? null,
      footprint: footprint.polygon,
      heightM,
    };
    void (before ? onUpdate(before, fields) : onCreate(fields)).then((ok) => {
      if (ok) setEditing(null);
    });
  };

  return (
    <section className="gt-card" aria-labelledby="gt-curate-buildings-title" data-testid="curate-buildings">
      <h2 className="gt-card__title" id="gt-curate-buildings-title">{t('buildings.title')}</h2>
      {buildings.length === 0 ? (
        <p className="gt-table__muted">{t('buildings.empty')}</p>
      ) : (
        <div className="gt-table-wrap">
          <table className="gt-table">
            <thead>
              <tr>
                <th>{t('buildings.name')}</th>
                <th>{t('buildings.type')}</th>
                <th className="gt-curate-optional">{t('buildings.era')}</th>
                <th className="gt-curate-optional">{t('buildings.protection')}</th>
                <th className="gt-curate-optional">{t('buildings.height')}</th>
                <th className="gt-curate-optional">{t('buildings.footprint')}</th>
                <th className="gt-table__actions" />
              </tr>
            </thead>
            <tbody>
              {buildings.map((building, index) => (
                <tr key={building.id} data-testid="building-row">
                  <td className="gt-table__primary gt-curate-name">{building.nameZh}</td>
                  <td className="gt-table__nowrap">{label(BUILDING_TYPES[building.buildingType as keyof typeof BUILDING_TYPES], building.buildingType)}</td>
                  <td className="gt-curate-optional">{building.eraZh}</td>
                  <td className="gt-curate-optional">{label(PROTECTION_LEVEL_LABELS[building.protectionLevel as keyof typeof PROTECTION_LEVEL_LABELS], building.protectionLevel)}</td>
                  <td className="gt-curate-optional">{building.heightM ?? '—'}</td>
                  <td className="gt-curate-optional">{building.footprint ? t('buildings.hasFootprint') : t('buildings.noFootprint')}</td>
                  <td className="gt-table__actions">
                    <button type="button" className="gt-button gt-button--small" disabled={busy || index === 0} onClick={() => move(index, -1)} aria-label={`${t('buildings.up')} ${building.nameZh}`}>↑</button>
                    <button type="button" className="gt-button gt-button--small" disabled={busy || index === buildings.length - 1} onClick={() => move(index, 1)} aria-label={`${t('buildings.down')} ${building.nameZh}`}>↓</button>
                    <button type="button" className="gt-button gt-button--small" disabled={busy} onClick={() => open(building)}>{t('row.edit')}</button>
                    <button
                      type="button" className="gt-button gt-button--small gt-button--danger" disabled={busy}
                      onClick={() => window.confirm(t('row.confirmDelete', { name: building.nameZh })) && onDelete(building)}
                    >
                      {t('row.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing ? (
        <form className="gt-curate-subform" onSubmit={submit} data-testid="building-form">
          <h3 className="gt-curate-section__title">{editing === 'new' ? t('buildings.new') : t('buildings.editTitle', { name: editing.nameZh })}</h3>
          <div className="gt-curate-grid">
            <label className="gt-field">
              <span className="gt-field__label">{t('buildings.nameZh')}</span>
              <input className="gt-input" required maxLength={60} value={draft.nameZh} onChange={(e) => set({ nameZh: e.target.value })} data-testid="building-name-zh" />
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('buildings.nameEn')}</span>
              <input className="gt-input" maxLength={120} value={draft.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('buildings.eraZh')}</span>
              <input className="gt-input" maxLength={60} value={draft.eraZh} onChange={(e) => set({ eraZh: e.target.value })} data-testid="building-era" />
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('buildings.type')}</span>
              <select className="gt-input" value={draft.buildingType} onChange={(e) => set({ buildingType: e.target.value })} data-testid="building-type">
                {BUILDING_TYPE_SLUGS.map((slug) => (
                  <option key={slug} value={slug}>{label(BUILDING_TYPES[slug], slug)}</option>
                ))}
              </select>
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('buildings.protection')}</span>
              <select className="gt-input" value={draft.protectionLevel} onChange={(e) => set({ protectionLevel: e.target.value })}>
                {PROTECTION_LEVELS.map((level) => (
                  <option key={level} value={level}>{label(PROTECTION_LEVEL_LABELS[level], level)}</option>
                ))}
              </select>
            </label>
            <label className="gt-field">
              <span className="gt-field__label">{t('buildings.heightField')}</span>
              <input className="gt-input" inputMode="decimal" value={draft.heightM} onChange={(e) => set({ heightM: e.target.value })} data-testid="building-height" />
            </label>
          </div>
          <label className="gt-field">
            <span className="gt-field__label">{t('buildings.descriptionZh')}</span>
            <textarea className="gt-input gt-curate-textarea" rows={3} maxLength={5000} value={draft.descriptionZh} onChange={(e) => set({ descriptionZh: e.target.value })} />
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('buildings.footprintField')}</span>
            <textarea className="gt-input gt-curate-textarea gt-mono" rows={3} spellCheck={false} value={draft.footprint} onChange={(e) => set({ footprint: e.target.value })} data-testid="building-footprint" />
          </label>
          {error ? <p className="gt-form__error" role="alert" data-testid="building-form-error">{error}</p> : null}
          <div className="gt-curate-actions">
            <button type="button" className="gt-button" onClick={() => setEditing(null)}>{t('row.cancel')}</button>
            <button type="submit" className="gt-button gt-button--primary" disabled={busy} data-testid="building-save">{editing === 'new' ? t('row.create') : t('row.save')}</button>
          </div>
        </form>
      ) : (
        <div className="gt-curate-actions">
          <button type="button" className="gt-button" disabled={busy} onClick={() => open('new')} data-testid="building-new">{t('buildings.new')}</button>
        </div>
      )}
    </section>
  );
}
