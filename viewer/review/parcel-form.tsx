'use client';
/**
 * The planning conditions form of one parcel (规划条件): identity, land use, limits with their units, the setback of
 * each edge in ring order (edge n = the yellow number n on the map), save / remove / cancel, and the server's message
 * beside the buttons. Read-only (`isEditable` false) for applicants: the same fields, as text.
 */
import type { ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { ringAreaM2, ringEdges } from '@viewer/core/polygon-ring';
import { DRAFT_NUMBER_FIELDS, fitSetbacks, type DraftNumberField, type EdgeKind, type ParcelDraft } from './parcel-draft';
import { PARCEL_MESSAGES, type ParcelMessageKey } from './parcel-messages';

/** A region the parcel may belong to. */
export interface RegionChoice {
  code: string;
  name: string;
}

/** Props of {@link ParcelForm}. */
export interface ParcelFormProps {
  locale: Locale;
  draft: ParcelDraft;
  isEditable: boolean;
  isDemo: boolean;
  regions: readonly RegionChoice[];
  isBusy: boolean;
  /** The server's or the form's message, shown beside the buttons (`null`: none). */
  error: string | null;
  notice: string | null;
  /** Whether the error is a version conflict (then a reload button is offered). */
  isConflict: boolean;
  onChange: (draft: ParcelDraft) => void;
  onSave: () => void;
  onRemove: () => void;
  onCancel: () => void;
  onReload: () => void;
}

const NUMBER_LABELS: Record<DraftNumberField, ParcelMessageKey> = {
  heightLimitM: 'form.heightLimitM',
  farMin: 'form.farMin',
  farMax: 'form.farMax',
  densityMaxPct: 'form.densityMaxPct',
  greenRatioMinPct: 'form.greenRatioMinPct',
  sunlightHoursMin: 'form.sunlightHoursMin',
};

/** The form (see module doc). */
export function ParcelForm(props: ParcelFormProps) {
  const { locale, draft, isEditable, isBusy, onChange } = props;
  const t = createTranslator(PARCEL_MESSAGES, locale);
  const set = (patch: Partial<ParcelDraft>) => onChange({ ...draft, ...patch });
  const edges = draft.isClosed ? ringEdges(draft.corners) : [];
  const setbacks = fitSetbacks(draft.setbacks, edges.length);
  const setSetback = (index: number, patch: Partial<{ kind: EdgeKind; distanceM: number }>) => set({ setbacks: setbacks.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const area = draft.isClosed ? Math.round(ringAreaM2(draft.corners)) : null;
  const title = draft.id === null ? t('form.title.new') : t(isEditable ? 'form.title.edit' : 'form.title.view', { code: draft.code });

  const text = (label: ParcelMessageKey, value: string, onValue: (v: string) => void, name: string, extra: { maxLength?: number; disabled?: boolean } = {}): ReactNode => (
    <label className="gt-field">
      <span className="gt-field__label">{t(label)}</span>
      {isEditable ? <input className="gt-input" name={name} value={value} maxLength={extra.maxLength ?? 100} disabled={extra.disabled || isBusy} onChange={(e) => onValue(e.target.value)} /> : <span className="gt-parcel-form__value">{value || t('form.unset')}</span>}
    </label>
  );

  return (
    <form
      className="gt-form gt-parcel-form"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        props.onSave();
      }}
    >
      <div className="gt-parcel-form__heading">
        <h2 className="gt-parcel-form__title">{title}</h2>
        {props.isDemo && <span className="gt-parcel-badge">{t('demo.badge')}</span>}
        {area !== null && <span className="gt-parcel-form__area">{t('form.area', { area: new Intl.NumberFormat(locale).format(area) })}</span>}
      </div>
      <div className="gt-parcel-form__grid">
        {text('form.code', draft.code, (code) => set({ code }), 'code', { maxLength: 40, disabled: draft.id !== null })}
        {text('form.name', draft.name, (name) => set({ name }), 'name')}
        {text('form.nameEn', draft.nameEn, (nameEn) => set({ nameEn }), 'nameEn', { maxLength: 200 })}
        <label className="gt-field">
          <span className="gt-field__label">{t('form.region')}</span>
          {isEditable ? (
            <select className="gt-input" name="regionCode" value={draft.regionCode} disabled={isBusy} onChange={(e) => set({ regionCode: e.target.value })}>
              {props.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
          ) : (
            <span className="gt-parcel-form__value">{props.regions.find((r) => r.code === draft.regionCode)?.name ?? draft.regionCode}</span>
          )}
        </label>
        {text('form.landUse', draft.landUse, (landUse) => set({ landUse }), 'landUse', { maxLength: 20 })}
        {DRAFT_NUMBER_FIELDS.map((field) => (
          <label className="gt-field" key={field}>
            <span className="gt-field__label">{t(NUMBER_LABELS[field])}</span>
            {isEditable ? (
              <input className="gt-input" name={field} inputMode="decimal" value={draft[field]} placeholder={t('form.unset')} disabled={isBusy} onChange={(e) => set({ [field]: e.target.value } as Partial<ParcelDraft>)} />
            ) : (
              <span className="gt-parcel-form__value">{draft[field] || t('form.unset')}</span>
            )}
          </label>
        ))}
      </div>
      <fieldset className="gt-parcel-form__setbacks">
        <legend>{t('form.setbacks')}</legend>
        {edges.length === 0 ? (
          <p className="gt-form__hint">{t('form.setbacksEmpty')}</p>
        ) : (
          <>
            <p className="gt-form__hint">{t('form.setbacksHint')}</p>
            <ol className="gt-parcel-form__edges">
              {edges.map((edge, index) => (
                <li key={edge.number} className="gt-parcel-form__edge" data-edge={edge.number}>
                  <span className="gt-parcel-form__edge-number">{t('form.edge', { n: edge.number })}</span>
                  <span className="gt-parcel-form__edge-length">{t('form.edgeLength', { length: edge.lengthM.toFixed(1) })}</span>
                  {isEditable ? (
                    <>
                      <select className="gt-input gt-input--compact" aria-label={t('form.edge', { n: edge.number })} value={setbacks[index].kind} disabled={isBusy} onChange={(e) => setSetback(index, { kind: e.target.value as EdgeKind })}>
                        <option value="road-red-line">{t('form.kind.road-red-line')}</option>
                        <option value="neighbour">{t('form.kind.neighbour')}</option>
                      </select>
                      <input
                        className="gt-input gt-input--compact gt-parcel-form__distance"
                        type="number"
                        min={0}
                        max={200}
                        step={0.5}
                        aria-label={`${t('form.edge', { n: edge.number })} ${t('form.setbackM')}`}
                        value={Number.isFinite(setbacks[index].distanceM) ? setbacks[index].distanceM : ''}
                        disabled={isBusy}
                        onChange={(e) => setSetback(index, { distanceM: e.target.value === '' ? Number.NaN : Number(e.target.value) })}
                      />
                      <span className="gt-parcel-form__unit">m</span>
                    </>
                  ) : (
                    <span>
                      {t(`form.kind.${setbacks[index].kind}`)} · {setbacks[index].distanceM} m
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </>
        )}
      </fieldset>
      {isEditable ? (
        <label className="gt-field">
          <span className="gt-field__label">{t('form.notes')}</span>
          <textarea className="gt-input gt-parcel-form__notes" name="notes" value={draft.notes} maxLength={4000} disabled={isBusy} onChange={(e) => set({ notes: e.target.value })} />
        </label>
      ) : (
        draft.notes && <p className="gt-parcel-form__value">{draft.notes}</p>
      )}
      <div className="gt-parcel-form__messages" aria-live="polite">
        {props.error && (
          <p className="gt-form__error" role="alert">
            {props.error}
          </p>
        )}
        {props.notice && <p className="gt-form__ok">{props.notice}</p>}
      </div>
      {isEditable && (
        <div className="gt-parcel-form__buttons">
          <button type="submit" className="gt-button gt-button--primary" disabled={isBusy}>
            {isBusy ? t('form.saving') : t('form.save')}
          </button>
          {props.isConflict && (
            <button type="button" className="gt-button" onClick={props.onReload}>
              {t('form.reload')}
            </button>
          )}
          <button type="button" className="gt-button" disabled={isBusy} onClick={props.onCancel}>
            {t('form.cancel')}
          </button>
          {draft.id !== null && (
            <button type="button" className="gt-button gt-button--danger" disabled={isBusy} onClick={props.onRemove}>
              {t('form.remove')}
            </button>
          )}
        </div>
      )}
    </form>
  );
}
