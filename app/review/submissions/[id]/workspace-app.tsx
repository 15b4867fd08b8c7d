'use client';
/**
 * The review workspace's client part: `review.submissions.byId` (polled every 2 s while converting), the parcel
 * (`review.parcels.byId`), the base imagery of the catalogue, and the globe with the submission's tileset and the
 * planning envelope (viewer/review/envelope.ts); the checks panel, versions and, for planners, the decision form.
 * A click on a failed check selects its first offending element and frames it; a click on the model selects an
 * element.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { SceneLayer } from '@viewer/core/scene-layer';
import type { FeatureSelection } from '@viewer/core/selection';
import { CORE_LAYER_KINDS } from '@viewer/cesium/layer-kinds/core-layer-kinds';
import { useMeasureLink } from '@viewer/cesium/measure/use-measure-link';
import { MeasureTools } from '@viewer/cesium/measure/measure-tools';
import type { FlyRequest } from '@viewer/cesium/twin-globe';
import { ChecksPanel, type ChecksView, type PreCheckView } from '@viewer/review/checks-panel';
import { DecisionForm } from '@viewer/review/decision-form';
import { elementFocus, envelopeCollections, type ElementPlan } from '@viewer/review/envelope';
import { percentOf } from '@viewer/review/format';
import { REVIEW_MESSAGES } from '@viewer/review/messages';
import { stageLabel, statusLabel } from '@viewer/review/submissions-table';
import { localPlane } from '@viewer/core/local-plane';
import { TwinGlobeLoader } from '../../../shell/twin-globe-loader';
import { useTRPC } from '../../../providers';
import { REVIEW_PATHS } from '../../review-paths';
import '../../review.css';

/** Layer ids of the workspace scene. */
const LAYER = { model: 'review-submission', parcel: 'review-parcel', setback: 'review-setback', height: 'review-height-limit' } as const;
const IN_FLIGHT = new Set(['submitted', 'converting', 'checking']);

/** Props of {@link WorkspaceApp}. */
export interface WorkspaceAppProps {
  locale: Locale;
  submissionId: string;
  isReviewer: boolean;
}

/** The workspace (see module doc). */
export function WorkspaceApp({ locale, submissionId, isReviewer }: WorkspaceAppProps) {
  const t = createTranslator(REVIEW_MESSAGES, locale);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detailQuery = useQuery({
    ...trpc.review.submissions.byId.queryOptions({ id: submissionId }),
    refetchInterval: (query) => (query.state.data && IN_FLIGHT.has(query.state.data.status) ? 2000 : false),
  });
  const detail = detailQuery.data;
  const parcelQuery = useQuery({ ...trpc.review.parcels.byId.queryOptions({ id: detail?.parcelId ?? '' }), enabled: Boolean(detail?.parcelId) });
  const layersQuery = useQuery(trpc.twin.layers.list.queryOptions());
  const decide = useMutation(trpc.review.submissions.decide.mutationOptions());
  const recheck = useMutation(trpc.review.submissions.recheck.mutationOptions());
  const [selection, setSelection] = useState<FeatureSelection | null>(null);
  const [flyRequest, setFlyRequest] = useState<FlyRequest | null>(null);
  const [decisionError, setDecisionError] = useState<string | null>(null);
  // Measuring tools (distance, horizontal area, height) on the model and the ground; while one is active, clicks measure.
  const measure = useMeasureLink(CORE_LAYER_KINDS);

  const measures = detail?.measures as { groundEnuZM?: number; gfa?: { method: string | null }; preChecks?: PreCheckView[] } | null | undefined;
  const groundEnuZM = measures?.groundEnuZM ?? 0;
  const parcel = parcelQuery.data;
  const parcelRing = parcel?.boundary.coordinates[0] as [number, number][] | undefined;

  const sceneLayers = useMemo<SceneLayer[]>(() => {
    const base = (layersQuery.data ?? []).filter((layer) => layer.kind === 'imagery' && layer.defaultVisible);
    const layers: SceneLayer[] = base.map((layer, index) => ({ id: layer.id, plate: layer.plate, kind: layer.kind, url: layer.url, isVisible: true, style: layer.style, options: layer.options, data: null, order: index }) as SceneLayer);
    if (parcel && parcelRing) {
      const envelope = envelopeCollections({ parcelRing, setbacksM: parcel.setbacks.map((s) => s.distanceM), heightLimitM: parcel.heightLimitM, groundEnuZM });
      layers.push(
        { id: LAYER.parcel, plate: 'review', kind: 'geojson', url: '', isVisible: true, style: { stroke: '#ff5a5a', width: 3 }, options: null, data: envelope.boundary, order: 10 },
        { id: LAYER.setback, plate: 'review', kind: 'geojson', url: '', isVisible: true, style: { stroke: '#f5c542', width: 2 }, options: null, data: envelope.setback, order: 11 },
        { id: LAYER.height, plate: 'review', kind: 'volumes', url: '', isVisible: true, style: { fill: 'rgba(255, 90, 90, 0.18)' }, options: null, data: envelope.heightLimit, order: 12 },
      );
    }
    if (detail?.tilesetUrl && detail.anchor) {
      layers.push({ id: LAYER.model, plate: 'review', kind: 'tileset', url: detail.tilesetUrl, isVisible: true, style: null, options: { groundOffsetM: detail.anchor.heightM }, data: null, order: 20 });
    }
    return layers;
  }, [layersQuery.data, parcel, parcelRing, groundEnuZM, detail?.tilesetUrl, detail?.anchor]);

  // Frame the parcel once it is known.
  const [hasFramed, setHasFramed] = useState(false);
  if (!hasFramed && parcelRing && parcel) {
    const lons = parcelRing.map((p) => p[0]);
    const lats = parcelRing.map((p) => p[1]);
    const centre: [number, number] = [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
    const plane = localPlane(centre[0], centre[1]);
    const radiusM = Math.max(...parcelRing.map(([lon, lat]) => Math.hypot(...plane.toEnu(lon, lat))), 30);
    setHasFramed(true);
    setFlyRequest({ requestId: 1, layerId: null, point: { lonDeg: centre[0], latDeg: centre[1], heightEllipsoidalM: groundEnuZM + (parcel.heightLimitM ?? 20) / 2, radiusM } });
  }

  const elementPlans = (detail?.elementPlans ?? []) as ElementPlan[];
  // A failed check's offenders: the first click selects and frames the first, each further click the next one.
  const showElements = (globalIds: readonly string[]) => {
    if (globalIds.length === 0) return;
    const current = selection ? globalIds.indexOf(selection.featureId) : -1;
    const first = globalIds[(current + 1) % globalIds.length];
    setSelection({ plate: 'review', layerId: LAYER.model, featureId: first });
    const plan = elementPlans.find((element) => element.globalId === first);
    const point = plan && detail?.anchor ? elementFocus(detail.anchor, groundEnuZM, plan) : null;
    setFlyRequest((previous) => ({ requestId: (previous?.requestId ?? 0) + 1, layerId: point ? null : LAYER.model, point }));
  };

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.review.submissions.byId.queryKey({ id: submissionId }) });
  const onDecide = async (decision: 'approve' | 'return', comment: string) => {
    setDecisionError(null);
    const failed = ((detail?.checks as ChecksView | null)?.checks ?? []).filter((check) => check.verdict === 'fail').length;
    if (decision === 'approve' && failed > 0 && !window.confirm(t('ws.approveWithFails', { count: failed }))) return;
    try {
      await decide.mutateAsync({ id: submissionId, decision, comment });
      await refresh();
    } catch (error) {
      setDecisionError(error instanceof Error ? error.message : String(error));
    }
  };
  const onRecheck = async () => {
    setDecisionError(null);
    try {
      await recheck.mutateAsync({ id: submissionId });
      await refresh();
    } catch (error) {
      setDecisionError(error instanceof Error ? error.message : String(error));
    }
  };

  if (detailQuery.error) return <p className="gt-review-form__error">{t('ws.error', { message: detailQuery.error.message })}</p>;
  if (!detail) return <p>{t('ws.loading')}</p>;
  const inFlight = IN_FLIGHT.has(detail.status);
  return (
    <div className="gt-review-ws">
      <div className="gt-review-ws__globe" data-testid="review-globe">
        <TwinGlobeLoader
          locale={locale}
          layers={sceneLayers}
          layerKinds={measure.layerKinds}
          selection={selection}
          initialCamera={null}
          flyRequest={flyRequest}
          onFeatureSelect={measure.isMeasuring ? undefined : (next) => setSelection(next && next.layerId === LAYER.model ? next : null)}
        />
        <MeasureTools locale={locale} link={measure.link} onActiveChange={measure.setIsMeasuring} />
        <div className="gt-review-ws__legend" aria-hidden="true">
          <span className="gt-review-ws__swatch" style={{ background: '#ff5a5a' }} /> {t('ws.layers.parcel')}
          <span className="gt-review-ws__swatch" style={{ background: '#f5c542' }} /> {t('ws.layers.setback')}
          {parcel?.heightLimitM != null ? (
            <>
              <span className="gt-review-ws__swatch" style={{ background: 'rgba(255, 90, 90, 0.5)' }} /> {t('ws.layers.height')} {parcel.heightLimitM} m
            </>
          ) : null}
        </div>
      </div>
      <aside className="gt-review-ws__panel" data-testid="review-workspace" data-status={detail.status}>
        <a className="gt-link" href={REVIEW_PATHS.submissions}>
          {t('ws.back')}
        </a>
        <h1>
          {detail.projectName} <span className="gt-review-ws__muted">{t('ws.version', { version: detail.version })}</span>
        </h1>
        <p className="gt-review-ws__muted">
          {t('ws.parcel', { code: detail.parcelCode, name: detail.parcelName })}
          {parcel?.isDemo ? <span className="gt-review-status"> {t('demo.label')}</span> : null}
        </p>
        <p>
          <span className={`gt-review-status gt-review-status--${detail.status}`} data-testid="review-status">
            {statusLabel(locale, detail.status)}
          </span>
          {inFlight && detail.progress ? <span className="gt-review-ws__muted"> {t('ws.progress', { stage: stageLabel(locale, detail.progress.stage), percent: percentOf(detail.progress.fraction) })}</span> : null}
        </p>
        {detail.status === 'failed' ? (
          <>
            {detail.errorMessage ? <p className="gt-review-form__error">{t('ws.failed', { message: detail.errorMessage })}</p> : null}
            <p className="gt-review-ws__muted">{t('ws.failedHint')}</p>
          </>
        ) : null}
        {!isReviewer && (detail.status === 'returned' || detail.status === 'failed') ? (
          <a className="gt-button gt-button--primary" href={`${REVIEW_PATHS.submissions}?${new URLSearchParams({ project: detail.projectName, parcel: detail.parcelId })}`} data-testid="review-resubmit">
            {t('ws.resubmit')}
          </a>
        ) : null}
        {selection ? (
          <p className="gt-review-ws__muted">
            {t('ws.selected', { globalId: selection.featureId })}
            {(() => {
              const element = elementPlans.find((plan) => plan.globalId === selection.featureId) as (ElementPlan & { ifcClass?: string; name?: string | null }) | undefined;
              return element ? ` · ${element.ifcClass ?? ''} ${element.name ?? ''}` : '';
            })()}
          </p>
        ) : null}
        {detail.status === 'failed' ? null : (
        <DecisionForm
          locale={locale}
          status={detail.status}
          isReviewer={isReviewer}
          reviewComment={detail.reviewComment}
          reviewedByName={detail.reviewedByName}
          reviewedAt={detail.reviewedAt}
          busy={decide.isPending || recheck.isPending}
          error={decisionError}
          onDecide={onDecide}
          onRecheck={onRecheck}
        />
        )}
        {detail.status === 'failed' ? null : (
        <ChecksPanel
          locale={locale}
          checks={detail.checks as ChecksView | null}
          checkedAt={detail.checkedAt}
          gfaMethod={measures?.gfa?.method ?? null}
          preChecks={measures?.preChecks ?? []}
          selectedGlobalId={selection?.featureId ?? null}
          onShowElements={showElements}
        />
        )}
        <h3>{t('ws.versions')}</h3>
        <ul className="gt-review-versions">
          {detail.versions.map((version) => (
            <li key={version.id}>
              <a href={REVIEW_PATHS.submission(version.id)} aria-current={version.id === detail.id ? 'page' : undefined}>
                V{version.version}
              </a>{' '}
              <span className={`gt-review-status gt-review-status--${version.status}`}>{statusLabel(locale, version.status)}</span>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  );
}
