'use client';
/**
 * The parcel import form (planners and admins): a GeoJSON or zipped Shapefile, its declared source CRS, the target
 * region, the unit of the ratios and optional attribute names per field. Hands the fields and the file to
 * `onSubmit` (the page posts them to `POST /api/review/parcels/import`) and shows the server's answer.
 */
import { useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { RegionChoice } from './parcel-form';
import { PARCEL_MESSAGES } from './parcel-messages';

/** Fields an attribute name can be given for (server/review/inputs.ts `PARCEL_IMPORT_FIELDS`), with the default names shown as placeholders. */
export const IMPORT_MAPPING_PLACEHOLDERS: Readonly<Record<string, string>> = {
  code: 'DKBM',
  name: 'DKMC',
  landUse: 'YDXZ',
  heightLimitM: 'XG',
  farMin: 'RJLXX',
  farMax: 'RJL',
  densityMax: 'JZMD',
  greenRatioMin: 'LDL',
  sunlightHoursMin: 'RZ',
};

/** 3° Gauss–Krüger central meridians over Jiangxi and its neighbours (EPSG = 4509 + CM/3 without zone prefix: 4546–4549; 4488 + zone with prefix: 4525–4528). */
const GK_CENTRAL_MERIDIANS_DEG = [111, 114, 117, 120];

/** Props of {@link ParcelImportForm}. */
export interface ParcelImportFormProps {
  locale: Locale;
  regions: readonly RegionChoice[];
  defaultRegionCode: string;
  isBusy: boolean;
  error: string | null;
  notice: string | null;
  onSubmit: (fields: Record<string, string>, file: File) => void;
}

/** The form (see module doc). */
export function ParcelImportForm({ locale, regions, defaultRegionCode, isBusy, error, notice, onSubmit }: ParcelImportFormProps) {
  const t = createTranslator(PARCEL_MESSAGES, locale);
  const [file, setFile] = useState<File | null>(null);
  const [crs, setCrs] = useState('4490');
  const [regionCode, setRegionCode] = useState(defaultRegionCode);
  const [ratios, setRatios] = useState<'fraction' | 'percent'>('fraction');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  return (
    <details className="gt-parcel-import">
      <summary>{t('import.title')}</summary>
      <form
        className="gt-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) return;
          const fields: Record<string, string> = { crs, regionCode, ratios };
          for (const [field, name] of Object.entries(mapping)) if (name.trim()) fields[`map.${field}`] = name.trim();
          onSubmit(fields, file);
        }}
      >
        <label className="gt-field">
          <span className="gt-field__label">{t('import.file')}</span>
          <input className="gt-input" type="file" name="file" accept=".geojson,.json,.zip" required disabled={isBusy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('import.crs')}</span>
          <select className="gt-input" name="crs" value={crs} disabled={isBusy} onChange={(e) => setCrs(e.target.value)}>
            <option value="4490">{t('import.crs.4490')}</option>
            <option value="gcj02">{t('import.crs.gcj02')}</option>
            {GK_CENTRAL_MERIDIANS_DEG.map((cm) => (
              <option key={`gk-${cm}`} value={String(4509 + cm / 3)}>
                {t('import.crs.gk', { cm, epsg: 4509 + cm / 3 })}
              </option>
            ))}
            {GK_CENTRAL_MERIDIANS_DEG.map((cm) => (
              <option key={`zone-${cm}`} value={String(4488 + cm / 3)}>
                {t('import.crs.gkZone', { zone: cm / 3, epsg: 4488 + cm / 3 })}
              </option>
            ))}
          </select>
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('import.region')}</span>
          <select className="gt-input" name="regionCode" value={regionCode} disabled={isBusy} onChange={(e) => setRegionCode(e.target.value)}>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="gt-field">
          <span className="gt-field__label">{t('import.ratios')}</span>
          <select className="gt-input" name="ratios" value={ratios} disabled={isBusy} onChange={(e) => setRatios(e.target.value as 'fraction' | 'percent')}>
            <option value="fraction">{t('import.ratios.fraction')}</option>
            <option value="percent">{t('import.ratios.percent')}</option>
          </select>
        </label>
        <fieldset className="gt-parcel-import__mapping">
          <legend>{t('import.mapping')}</legend>
          {Object.entries(IMPORT_MAPPING_PLACEHOLDERS).map(([field, placeholder]) => (
            <label key={field} className="gt-parcel-import__map">
              <span>{field}</span>
              <input className="gt-input gt-input--compact" maxLength={64} placeholder={placeholder} value={mapping[field] ?? ''} disabled={isBusy} onChange={(e) => setMapping({ ...mapping, [field]: e.target.value })} />
            </label>
          ))}
        </fieldset>
        {error && (
          <div className="gt-form__error gt-parcel-import__error" role="alert">
            <p>{t('import.failed')}</p>
            <pre>{error}</pre>
          </div>
        )}
        {notice && <p className="gt-form__ok">{notice}</p>}
        <button type="submit" className="gt-button gt-button--primary" disabled={isBusy || !file}>
          {isBusy ? t('import.busy') : t('import.submit')}
        </button>
      </form>
    </details>
  );
}
