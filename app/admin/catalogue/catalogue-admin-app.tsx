'use client';
/**
 * The catalogue page's client part: the register/upload form and the table of the admin's registered and uploaded
 * layers, wired to `twin.catalogue.*`, `twin.regions.list` and the upload routes
 * (`POST /api/twin/catalogue/tilesets|vectors`, multipart with the fields before the file).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { regionOptions } from '@viewer/ui/region-options';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CatalogueForm, type CatalogueSubmission } from '@viewer/twin/catalogue-form';
import { CATALOGUE_MESSAGES } from '@viewer/twin/catalogue-messages';
import { CatalogueTable } from '@viewer/twin/catalogue-table';
import { trpcErrorCode } from '../../trpc-error-code';
import { useTRPC } from '../../providers';
import './catalogue-admin.css';

/** Upload routes by form mode. */
const UPLOAD_PATHS = { tileset: '/api/twin/catalogue/tilesets', vector: '/api/twin/catalogue/vectors' } as const;

/** Props of {@link CatalogueAdminApp}. */
export interface CatalogueAdminAppProps {
  locale: Locale;
  /** The admin's region (the scope it manages). */
  scopeRegionCode: string;
  scopeRegionName: string;
}

/** Posts one upload; resolves to the new layer id or throws with the server's message. */
async function postUpload(mode: 'tileset' | 'vector', fields: Record<string, string>, file: File): Promise<{ id: string }> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', file, file.name);
  const response = await fetch(UPLOAD_PATHS[mode], { method: 'POST', body });
  const text = await response.text();
  if (!response.ok) throw new Error(text || `HTTP ${response.status}`);
  return JSON.parse(text) as { id: string };
}

/** The catalogue page (see module doc). */
export function CatalogueAdminApp({ locale, scopeRegionCode, scopeRegionName }: CatalogueAdminAppProps) {
  const t = createTranslator(CATALOGUE_MESSAGES, locale);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listQuery = useQuery(trpc.twin.catalogue.list.queryOptions(undefined, { staleTime: 0 }));
  const regionsQuery = useQuery(trpc.twin.regions.list.queryOptions({}));
  const regions = useMemo(() => regionOptions(regionsQuery.data ?? [], scopeRegionCode), [regionsQuery.data, scopeRegionCode]);
  const regionName = (code: string | null) => regionsQuery.data?.find((region) => region.code === code)?.name ?? code ?? '—';
  const registerMutation = useMutation(trpc.twin.catalogue.register.mutationOptions());
  const updateMutation = useMutation(trpc.twin.catalogue.update.mutationOptions());
  const removeMutation = useMutation(trpc.twin.catalogue.remove.mutationOptions());
  const [busy, setBusy] = useState(false);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);

  const describe = (failure: unknown) => {
    const message = failure instanceof Error ? failure.message : String(failure);
    return t(trpcErrorCode(failure) === 'FORBIDDEN' ? 'error.forbidden' : 'error.generic', { message });
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.twin.catalogue.list.pathKey() });

  const onSubmit = async (submission: CatalogueSubmission) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      if (submission.mode === 'register') {
        const entry = await registerMutation.mutateAsync(submission.registration);
        setNotice(t('result.registered', { title: locale === 'en' ? entry.titleEn : entry.title }));
      } else {
        await postUpload(submission.mode, submission.fields, submission.file);
        setNotice(t('result.uploaded', { title: submission.fields[locale === 'en' ? 'titleEn' : 'title'] }));
      }
      setFormKey((key) => key + 1);
      await refresh();
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setBusy(false);
    }
  };

  const runRowAction = async (id: string, action: () => Promise<unknown>) => {
    setBusyId(id);
    setError(null);
    try {
      await action();
      await refresh();
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div className="gt-admin__page">
      <div className="gt-admin__heading">
        <h1 className="gt-admin__title">{t('page.title')}</h1>
        <span className="gt-admin__scope">{scopeRegionName}</span>
      </div>
      <p className="gt-panel__message">{t('page.intro')}</p>
      <div className="gt-catalogue-admin">
        <CatalogueForm key={formKey} locale={locale} regions={regions} busy={busy} error={error} notice={notice} onSubmit={(submission) => void onSubmit(submission)} />
        <CatalogueTable
          locale={locale}
          rows={listQuery.data ?? []}
          loading={listQuery.isPending}
          regionName={regionName}
          busyId={busyId}
          onSetVisibility={(id, visibility) => void runRowAction(id, () => updateMutation.mutateAsync({ id, visibility }))}
          onRemove={(id) => void runRowAction(id, () => removeMutation.mutateAsync({ id }))}
        />
      </div>
    </div>
  );
}
