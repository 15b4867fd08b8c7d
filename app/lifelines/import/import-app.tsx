'use client';
/**
 * The import page's client part: posts the form to `POST /api/lifelines/import` (multipart, text fields before the
 * file, as server/api/multipart-upload.ts expects) and shows the JSON report (201 written, 422 rejected) or the
 * route's text error. viewer/lifelines/import-form.tsx renders both.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { IMPORT_MESSAGES } from '@viewer/lifelines/import-messages';
import { ImportForm, type ImportFormReport, type ImportFormSubmission } from '@viewer/lifelines/import-form';
import { regionName } from '@viewer/ui/region-options';
import { useTRPC } from '../../providers';
import '../lifelines.css';

/** The route of the import. */
const IMPORT_URL = '/api/lifelines/import';

/** The page (see module doc). */
export function ImportApp({ locale, regionCode }: { locale: Locale; regionCode: string }) {
  const t = createTranslator(IMPORT_MESSAGES, locale);
  const trpc = useTRPC();
  const regionsQuery = useQuery(trpc.twin.regions.list.queryOptions({}));
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportFormReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ fields, file }: ImportFormSubmission) => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const body = new FormData();
      for (const [name, value] of Object.entries(fields)) body.append(name, value);
      body.append('file', file, file.name);
      const response = await fetch(IMPORT_URL, { method: 'POST', body, credentials: 'same-origin' });
      if (response.status === 201 || response.status === 422) setReport((await response.json()) as ImportFormReport);
      else setError(((await response.text()) || `HTTP ${response.status}`).slice(0, 2000));
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="gt-admin__page gt-lifelines-import">
      <h1 className="gt-admin__title">{t('page.title')}</h1>
      <ImportForm
        locale={locale}
        regionLabel={locale === 'en' ? `${regionName(regionsQuery.data ?? [], regionCode)} (${regionCode})` : `${regionName(regionsQuery.data ?? [], regionCode)}（${regionCode}）`}
        busy={busy}
        report={report}
        error={error}
        onSubmit={(submission) => void submit(submission)}
      />
    </div>
  );
}
