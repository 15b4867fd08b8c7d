'use client';
/**
 * The parcels page's client part: list, map and form wired to `review.parcels.*` and `twin.regions.list`, and the
 * import form posting to `POST /api/review/parcels/import` (multipart, the fields before the file). Phones (≤ 900 px):
 * one column, the map above the form.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { openRing, removeCorner } from '@viewer/core/polygon-ring';
import { draftFromParcel, draftToInput, emptyDraft, fitSetbacks, regionChoices, type ParcelDraft, type ParcelLike } from '@viewer/review/parcel-draft';
import { ParcelForm } from '@viewer/review/parcel-form';
import { ParcelImportForm } from '@viewer/review/parcel-import-form';
import { ParcelList } from '@viewer/review/parcel-list';
import { PARCEL_MESSAGES } from '@viewer/review/parcel-messages';
import { useTRPC } from '../../providers';
import { trpcErrorCode } from '../../trpc-error-code';
import { ParcelMapLoader } from './parcel-map-loader';
import './parcels.css';

/** Roles that edit parcels (the server checks again: server/review/router.ts). */
const EDITOR_ROLES: readonly string[] = ['planner', 'admin'];

/** Posts the import; resolves to the server's JSON or throws with its text. */
async function postImport(fields: Record<string, string>, file: File): Promise<{ imported: number; crsLabel: string }> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', file, file.name);
  const response = await fetch('/api/review/parcels/import', { method: 'POST', body });
  const text = await response.text();
  if (!response.ok) throw new Error(text || `HTTP ${response.status}`);
  return JSON.parse(text) as { imported: number; crsLabel: string };
}

/** The page (see module doc). */
export function ParcelsApp({ locale, role, regionCode }: { locale: Locale; role: string; regionCode: string }) {
  const t = createTranslator(PARCEL_MESSAGES, locale);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const isEditor = EDITOR_ROLES.includes(role);
  const listQuery = useQuery(trpc.review.parcels.list.queryOptions(undefined, { staleTime: 0 }));
  const regionsQuery = useQuery(trpc.twin.regions.list.queryOptions({}));
  const regions = useMemo(() => regionChoices(regionsQuery.data ?? [], regionCode), [regionsQuery.data, regionCode]);
  const createMutation = useMutation(trpc.review.parcels.create.mutationOptions());
  const updateMutation = useMutation(trpc.review.parcels.update.mutationOptions());
  const removeMutation = useMutation(trpc.review.parcels.remove.mutationOptions());
  const parcels = (listQuery.data ?? []) as ParcelLike[];

  const [draft, setDraft] = useState<ParcelDraft | null>(null);
  const [isDrawing, setIsDrawing] = useState(false);
  const [selectedCorner, setSelectedCorner] = useState<number | null>(null);
  const [flyKey, setFlyKey] = useState('overview');
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isConflict, setIsConflict] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [importState, setImportState] = useState<{ busy: boolean; error: string | null; notice: string | null }>({ busy: false, error: null, notice: null });

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.review.parcels.list.pathKey() });
  const resetMessages = () => {
    setError(null);
    setNotice(null);
    setIsConflict(false);
  };
  const open = (parcel: ParcelLike) => {
    resetMessages();
    setDraft(draftFromParcel(parcel));
    setIsDrawing(false);
    setSelectedCorner(null);
    setFlyKey(`${parcel.id}:${parcel.version}`);
  };
  const startNew = () => {
    resetMessages();
    setDraft(emptyDraft(regions.find((r) => r.code === regionCode)?.code ?? regions[0]?.code ?? regionCode));
    setIsDrawing(true);
    setSelectedCorner(null);
  };
  const editDraft = (patch: Partial<ParcelDraft>) => setDraft((current) => (current ? { ...current, ...patch } : current));

  const onCornersChange = (corners: [number, number][], isClosed: boolean) => {
    setDraft((current) => (current ? { ...current, corners, isClosed, setbacks: isClosed ? fitSetbacks(current.setbacks, corners.length) : current.setbacks } : current));
    if (isClosed) setIsDrawing(false);
  };
  const onRemoveCorner = () => {
    if (!draft || selectedCorner === null) return;
    const { corners, perEdge } = removeCorner(draft.corners, fitSetbacks(draft.setbacks, draft.corners.length), selectedCorner);
    editDraft({ corners, setbacks: perEdge, isClosed: draft.isClosed && corners.length >= 3 });
    setSelectedCorner(null);
  };

  const describe = (failure: unknown) => {
    const message = failure instanceof Error ? failure.message : String(failure);
    const code = trpcErrorCode(failure);
    setIsConflict(code === 'CONFLICT' && /changed by someone else/.test(message));
    if (code === 'CONFLICT' && /changed by someone else/.test(message)) return t('error.conflict', { message });
    return t(code === 'FORBIDDEN' ? 'error.forbidden' : 'error.generic', { message });
  };

  const save = async () => {
    if (!draft) return;
    resetMessages();
    const result = draftToInput(draft);
    if ('problem' in result) {
      setError(t(result.problem.key, { field: result.problem.field ?? '' }));
      return;
    }
    setIsBusy(true);
    try {
      const { id, version, ...fields } = result.input;
      const saved = id && version ? await updateMutation.mutateAsync({ ...fields, id, version }) : await createMutation.mutateAsync(fields);
      setDraft(draftFromParcel(saved as ParcelLike));
      setNotice(t('form.saved', { code: saved.code }));
      await refresh();
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setIsBusy(false);
    }
  };

  const remove = async () => {
    if (!draft?.id || !window.confirm(t('form.removeConfirm', { code: draft.code }))) return;
    resetMessages();
    setIsBusy(true);
    try {
      await removeMutation.mutateAsync({ id: draft.id });
      setDraft(null);
      setNotice(t('form.removed', { code: draft.code }));
      await refresh();
    } catch (failure) {
      setError(describe(failure));
    } finally {
      setIsBusy(false);
    }
  };

  const reload = async () => {
    const fresh = await listQuery.refetch();
    const parcel = (fresh.data as ParcelLike[] | undefined)?.find((p) => p.id === draft?.id);
    if (parcel) open(parcel);
  };

  const runImport = async (fields: Record<string, string>, file: File) => {
    setImportState({ busy: true, error: null, notice: null });
    try {
      const result = await postImport(fields, file);
      setImportState({ busy: false, error: null, notice: t('import.done', { count: result.imported, crs: result.crsLabel }) });
      await refresh();
    } catch (failure) {
      setImportState({ busy: false, error: failure instanceof Error ? failure.message : String(failure), notice: null });
    }
  };

  const outlines = useMemo(() => parcels.filter((p) => p.id !== draft?.id).map((p) => ({ id: p.id, code: p.code, corners: openRing(p.boundary.coordinates[0] as [number, number][]) })), [parcels, draft?.id]);
  const editedParcel = parcels.find((p) => p.id === draft?.id) ?? null;
  const isEditable = isEditor;

  return (
    <div className="gt-admin__page gt-parcels">
      <div className="gt-admin__heading">
        <h1 className="gt-admin__title">{t('page.title')}</h1>
      </div>
      <p className="gt-panel__message">{isEditor ? t('page.intro') : t('page.readOnly')}</p>
      <div className="gt-parcels__layout">
        <section className="gt-parcels__list" aria-label={t('list.title')}>
          {isEditor && (
            <button type="button" className="gt-button gt-button--primary" onClick={startNew}>
              {t('list.new')}
            </button>
          )}
          <ParcelList locale={locale} parcels={parcels} isLoading={listQuery.isPending} selectedId={draft?.id ?? null} onOpen={(id) => open(parcels.find((p) => p.id === id)!)} />
          {isEditor && <ParcelImportForm locale={locale} regions={regions} defaultRegionCode={regionCode} isBusy={importState.busy} error={importState.error} notice={importState.notice} onSubmit={(fields, file) => void runImport(fields, file)} />}
          {!draft && notice && <p className="gt-form__ok">{notice}</p>}
        </section>
        <section className="gt-parcels__editor" aria-label={t('map.title')}>
          <div className="gt-parcels__map">
            <ParcelMapLoader
              locale={locale}
              corners={draft?.corners ?? []}
              isClosed={draft?.isClosed ?? false}
              isDrawing={isDrawing}
              isEditable={isEditable && draft !== null}
              selectedCorner={selectedCorner}
              outlines={outlines}
              flyKey={flyKey}
              onCornersChange={onCornersChange}
              onSelectCorner={setSelectedCorner}
            />
          </div>
          {draft && isEditable && (
            <div className="gt-parcels__tools" role="toolbar" aria-label={t('map.title')}>
              <button type="button" className="gt-button" aria-pressed={isDrawing} disabled={draft.isClosed} onClick={() => setIsDrawing(!isDrawing)}>
                {t('map.draw')}
              </button>
              <button type="button" className="gt-button" disabled={draft.isClosed || draft.corners.length < 3} onClick={() => onCornersChange(draft.corners, true)}>
                {t('map.close')}
              </button>
              <button type="button" className="gt-button" disabled={selectedCorner === null} onClick={onRemoveCorner}>
                {t('map.removeCorner')}
              </button>
              <button type="button" className="gt-button" disabled={draft.corners.length === 0} onClick={() => (editDraft({ corners: [], isClosed: false }), setIsDrawing(true), setSelectedCorner(null))}>
                {t('map.clear')}
              </button>
              <button type="button" className="gt-button" disabled={draft.corners.length === 0} onClick={() => setFlyKey(`fly:${Date.now()}`)}>
                {t('map.flyTo')}
              </button>
              <span className="gt-parcels__hint">{isDrawing && !draft.isClosed ? t('map.drawing') : `${t('map.corners', { count: draft.corners.length })} · ${t('map.help')}`}</span>
            </div>
          )}
          {draft && (
            <ParcelForm
              locale={locale}
              draft={draft}
              isEditable={isEditable}
              isDemo={editedParcel?.isDemo ?? false}
              regions={regions}
              isBusy={isBusy}
              error={error}
              notice={notice}
              isConflict={isConflict}
              onChange={setDraft}
              onSave={() => void save()}
              onRemove={() => void remove()}
              onCancel={() => (setDraft(null), resetMessages())}
              onReload={() => void reload()}
            />
          )}
        </section>
      </div>
    </div>
  );
}
