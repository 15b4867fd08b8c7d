/**
 * The network import page's form and report (`/lifelines/import`): file, declared CRS, default network, snapping
 * tolerance, depth convention and optional attribute mapping; after an answer, the report (counts, or the rejected
 * features with their reasons). Renders and emits only: the app side posts the form (app/lifelines/import/import-app.tsx).
 * Every value from the server is a text node.
 */
import { useState, type FormEvent } from 'react';
import { PIPE_IMPORT_FIELDS } from '@data/lifelines/import-attributes';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { IMPORT_MESSAGES, type ImportMessageKey } from './import-messages';

/** The CRS choices offered (server/geo/source-crs.ts accepts these and more). */
export const IMPORT_CRS_CHOICES = ['4326', '4490', '4547', '4548', '4526', '4527', 'gcj02'] as const;
const NETWORKS = ['water', 'storm', 'sewage', 'gas', 'heat'] as const;
/** Fields the form may map (`map.<field>`). */
export const IMPORT_FORM_MAPPABLE = [...PIPE_IMPORT_FIELDS, 'kind'] as const;

/** The report the form shows (the route's JSON answer satisfies it). */
export interface ImportFormReport {
  committed: boolean;
  crsLabel: string;
  featureCount: number;
  imported: { pipes: number; nodes: number; junctions: number };
  snappedEnds: number;
  rejectedCount: number;
  rejected: readonly { featureIndex: number; code: string | null; reason: string }[];
}

/** What the form submits: the text fields (empty ones left out) and the file. */
export interface ImportFormSubmission {
  fields: Record<string, string>;
  file: File;
}

/** Props of {@link ImportForm}. */
export interface ImportFormProps {
  locale: Locale;
  /** The caller's region as shown in the intro (name and code). */
  regionLabel: string;
  busy: boolean;
  report: ImportFormReport | null;
  /** Why the import failed (a text error of the route), or `null`. */
  error: string | null;
  onSubmit: (submission: ImportFormSubmission) => void;
}

/** The form and its report (see module doc). */
export function ImportForm({ locale, regionLabel, busy, report, error, onSubmit }: ImportFormProps) {
  const t = createTranslator(IMPORT_MESSAGES, locale);
  const [file, setFile] = useState<File | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return;
    const data = new FormData(event.currentTarget);
    const fields: Record<string, string> = {};
    for (const [name, value] of data.entries()) if (name !== 'file' && typeof value === 'string' && value.trim() !== '') fields[name] = value.trim();
    onSubmit({ fields, file });
  };
  return (
    <>
      <p className="gt-panel__message">{t('page.intro', { region: regionLabel })}</p>
      <form className="gt-card gt-import" onSubmit={submit} data-testid="lifelines-import-form" aria-label={t('page.title')}>
        <div className="gt-import__fields">
          <label className="gt-field gt-import__file">
            <span className="gt-field__label">{t('field.file')}</span>
            <input className="gt-input" type="file" name="file" required accept=".geojson,.json,.zip,application/geo+json,application/json,application/zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="lifelines-import-file" />
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('field.crs')}</span>
            <select className="gt-input" name="crs" defaultValue="4490" data-testid="lifelines-import-crs">
              {IMPORT_CRS_CHOICES.map((crs) => (
                <option key={crs} value={crs}>{t(`crs.${crs}` as ImportMessageKey)}</option>
              ))}
            </select>
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('field.network')}</span>
            <select className="gt-input" name="network" defaultValue="" data-testid="lifelines-import-network">
              <option value="">{t('field.networkNone')}</option>
              {NETWORKS.map((network) => (
                <option key={network} value={network}>{t(`network.${network}` as ImportMessageKey)}</option>
              ))}
            </select>
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('field.snap')}</span>
            <input className="gt-input" type="number" name="snapToleranceM" min={0} max={5} step="0.05" defaultValue="0.5" inputMode="decimal" />
          </label>
          <label className="gt-field">
            <span className="gt-field__label">{t('field.depthTo')}</span>
            <select className="gt-input" name="depthTo" defaultValue="auto">
              {(['auto', 'crown', 'invert'] as const).map((value) => (
                <option key={value} value={value}>{t(`depthTo.${value}`)}</option>
              ))}
            </select>
          </label>
        </div>
        <p className="gt-panel__message">{t('depthTo.hint')}</p>
        <details className="gt-import__mapping">
          <summary>{t('mapping.title')}</summary>
          <div className="gt-import__mapping-fields">
            {IMPORT_FORM_MAPPABLE.map((field) => (
              <label className="gt-field" key={field}>
                <span className="gt-field__label gt-mono">{field}</span>
                <input className="gt-input gt-input--compact" name={`map.${field}`} maxLength={64} autoComplete="off" />
              </label>
            ))}
          </div>
        </details>
        <div className="gt-panel__actions">
          <button type="submit" className="gt-button gt-button--primary" disabled={busy || !file} data-testid="lifelines-import-submit">
            {busy ? t('submitting') : t('submit')}
          </button>
        </div>
        {error ? <p className="gt-form__error" role="alert" data-testid="lifelines-import-error">{t('error', { message: error })}</p> : null}
      </form>
      {report ? <ImportReport report={report} locale={locale} /> : null}
    </>
  );
}

function ImportReport({ report, locale }: { report: ImportFormReport; locale: Locale }) {
  const t = createTranslator(IMPORT_MESSAGES, locale);
  return (
    <section className="gt-card gt-import__report" data-testid="lifelines-import-report" data-committed={report.committed}>
      <p className={report.committed ? 'gt-import__ok' : 'gt-form__error'} role="status">
        {report.committed
          ? t('report.committed', { pipes: report.imported.pipes, nodes: report.imported.nodes, junctions: report.imported.junctions, snapped: report.snappedEnds })
          : t('report.rejected', { count: report.rejectedCount })}
      </p>
      <p className="gt-panel__message">{t('report.crs', { crs: report.crsLabel, count: report.featureCount })}</p>
      {report.rejected.length > 0 ? (
        <div className="gt-table-wrap">
          <table className="gt-table">
            <thead>
              <tr>
                <th>{t('report.feature')}</th>
                <th>{t('report.code')}</th>
                <th>{t('report.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.map((row) => (
                <tr key={`${row.featureIndex}-${row.reason}`}>
                  <td>{row.featureIndex}</td>
                  <td className="gt-mono">{row.code ?? '—'}</td>
                  <td>{row.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
