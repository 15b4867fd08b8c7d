'use client';
/**
 * The editor's client part: `villages.curate.villages.get` rendered by the panels of viewer/villages/curate, every
 * write through its `villages.curate.*` mutation with the `updatedAt` the curator read, then the document reloaded.
 * One notice line reports the last outcome; a CONFLICT (someone saved in between) offers to reload. Publish and
 * Unpublish call `villages.curate.publish|unpublish`; images go to `POST /api/villages/media` (./upload-media.ts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { BuildingsPanel } from '@viewer/villages/curate/buildings-panel';
import { CURATE_MESSAGES } from '@viewer/villages/curate/curate-messages';
import type { CurateSectionView, SectionKindName } from '@viewer/villages/curate/editor-shapes';
import { MediaPanel } from '@viewer/villages/curate/media-panel';
import { PanoramasPanel } from '@viewer/villages/curate/panoramas-panel';
import { PoisPanel } from '@viewer/villages/curate/pois-panel';
import { PublishBar, type CurateNotice } from '@viewer/villages/curate/publish-bar';
import { SectionEditor } from '@viewer/villages/curate/section-editor';
import { VillageFieldsPanel } from '@viewer/villages/curate/village-fields-panel';
import { useTRPC } from '../../../providers';
import { trpcErrorCode } from '../../../trpc-error-code';
import { CURATE_PATHS } from '../curate-paths';
import { formatCurateTime } from '../format-time';
import { uploadVillageMedia } from './upload-media';
import '../curate.css';

const SECTION_KINDS: readonly SectionKindName[] = ['overview', 'history', 'customs', 'crafts'];

/** The page (see module doc). */
export function EditorApp({ locale, code }: { locale: Locale; code: string }) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const documentQuery = useQuery(trpc.villages.curate.villages.get.queryOptions({ code }, { staleTime: 0, refetchOnWindowFocus: false }));
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<CurateNotice | null>(null);
  const [progressPct, setProgressPct] = useState<number | null>(null);

  const m = {
    updateVillage: useMutation(trpc.villages.curate.villages.update.mutationOptions()),
    upsertSection: useMutation(trpc.villages.curate.sections.upsert.mutationOptions()),
    createBuilding: useMutation(trpc.villages.curate.buildings.create.mutationOptions()),
    updateBuilding: useMutation(trpc.villages.curate.buildings.update.mutationOptions()),
    deleteBuilding: useMutation(trpc.villages.curate.buildings.delete.mutationOptions()),
    reorderBuildings: useMutation(trpc.villages.curate.buildings.reorder.mutationOptions()),
    createPoi: useMutation(trpc.villages.curate.pois.create.mutationOptions()),
    updatePoi: useMutation(trpc.villages.curate.pois.update.mutationOptions()),
    deletePoi: useMutation(trpc.villages.curate.pois.delete.mutationOptions()),
    createPanorama: useMutation(trpc.villages.curate.panoramas.create.mutationOptions()),
    updatePanorama: useMutation(trpc.villages.curate.panoramas.update.mutationOptions()),
    deletePanorama: useMutation(trpc.villages.curate.panoramas.delete.mutationOptions()),
    publish: useMutation(trpc.villages.curate.publish.mutationOptions()),
    unpublish: useMutation(trpc.villages.curate.unpublish.mutationOptions()),
  };

  const reload = () => queryClient.invalidateQueries({ queryKey: trpc.villages.curate.villages.get.queryKey({ code }) });
  /**
   * Runs one write: busy flag, the notice (`okText` on success; the server's message on failure, with a reload
   * offer for CONFLICT), then reloads the document. Resolves with the step's result, or null when it failed.
   */
  const run = async <T,>(step: () => Promise<T>, okText: string = t('fields.saved')): Promise<T | null> => {
    setBusy(true);
    setNotice(null);
    try {
      const result = await step();
      setNotice({ kind: 'ok', text: okText });
      await reload();
      return result;
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      setNotice({ kind: 'error', text: t('failed', { message }), canReload: trpcErrorCode(failure) === 'CONFLICT' });
      return null;
    } finally {
      setBusy(false);
    }
  };
  const ok = (result: unknown) => result !== null;

  if (documentQuery.isPending) return <div className="gt-admin__page"><p className="gt-table__muted">{t('editor.loading')}</p></div>;
  if (documentQuery.error) {
    return (
      <div className="gt-admin__page">
        <a className="gt-link" href={CURATE_PATHS.list}>{t('editor.back')}</a>
        <p className="gt-form__error" role="alert">{t('failed', { message: documentQuery.error.message })}</p>
      </div>
    );
  }
  const { village, sections, buildings, pois, panoramas, media } = documentQuery.data;
  const formatTime = (at: Date) => formatCurateTime(at, locale);
  const sectionOf = (kind: SectionKindName): CurateSectionView | null => sections.find((s) => s.kind === kind) ?? null;

  return (
    <div className="gt-admin__page gt-curate gt-curate-editor">
      <a className="gt-link gt-curate-back" href={CURATE_PATHS.list}>{t('editor.back')}</a>
      <PublishBar
        locale={locale} village={village} busy={busy} notice={notice} formatTime={formatTime} onReload={() => void reload().then(() => setNotice(null))}
        onPublish={() => void run(() => m.publish.mutateAsync({ code }), t('publish.done'))}
        onUnpublish={() => {
          if (window.confirm(t('publish.confirmUnpublish', { name: village.nameZh }))) void run(() => m.unpublish.mutateAsync({ code }), t('publish.undone'));
        }}
      />
      <VillageFieldsPanel
        locale={locale} village={village} busy={busy}
        onSave={async (patch) => ok(await run(() => m.updateVillage.mutateAsync({ code, updatedAt: village.updatedAt, ...patch })))}
      />
      <section className="gt-card" aria-labelledby="gt-curate-sections-title">
        <h2 className="gt-card__title" id="gt-curate-sections-title">{t('sections.title')}</h2>
        {SECTION_KINDS.map((kind) => (
          <SectionEditor
            key={kind} locale={locale} kind={kind} section={sectionOf(kind)} busy={busy}
            onSave={async (save) => (await run(() => m.upsertSection.mutateAsync({ code, ...save })))?.updatedAt ?? null}
          />
        ))}
      </section>
      <BuildingsPanel
        locale={locale} buildings={buildings} busy={busy}
        onCreate={async (fields) => ok(await run(() => m.createBuilding.mutateAsync({ code, ...fields })))}
        onUpdate={async (row, fields) => ok(await run(() => m.updateBuilding.mutateAsync({ id: row.id, updatedAt: row.updatedAt, ...fields })))}
        onDelete={(row) => void run(() => m.deleteBuilding.mutateAsync({ id: row.id, updatedAt: row.updatedAt }))}
        onReorder={(ids) => void run(() => m.reorderBuildings.mutateAsync({ code, ids }))}
      />
      <PoisPanel
        locale={locale} pois={pois} defaultPosition={village.position} busy={busy}
        onCreate={async (fields) => ok(await run(() => m.createPoi.mutateAsync({ code, ...fields })))}
        onUpdate={async (row, fields) => ok(await run(() => m.updatePoi.mutateAsync({ id: row.id, updatedAt: row.updatedAt, ...fields })))}
        onDelete={(row) => void run(() => m.deletePoi.mutateAsync({ id: row.id, updatedAt: row.updatedAt }))}
      />
      <PanoramasPanel
        locale={locale} panoramas={panoramas} buildings={buildings} media={media} busy={busy}
        onCreate={async (fields) => ok(await run(() => m.createPanorama.mutateAsync({ code, ...fields })))}
        onUpdate={async (row, fields) => ok(await run(() => m.updatePanorama.mutateAsync({ id: row.id, updatedAt: row.updatedAt, ...fields })))}
        onDelete={(row) => void run(() => m.deletePanorama.mutateAsync({ id: row.id, updatedAt: row.updatedAt }))}
      />
      <MediaPanel
        locale={locale} media={media} buildings={buildings} coverMediaId={village.coverMediaId} busy={busy || progressPct !== null} progressPct={progressPct}
        onUpload={async (upload) => {
          setProgressPct(0);
          const result = await run(() => uploadVillageMedia(village.id, upload, setProgressPct), t('media.uploaded'));
          setProgressPct(null);
          return result !== null;
        }}
        onSetCover={(mediaId) => void run(() => m.updateVillage.mutateAsync({ code, updatedAt: village.updatedAt, coverMediaId: mediaId }))}
      />
    </div>
  );
}
