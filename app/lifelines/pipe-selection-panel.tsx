'use client';
/**
 * The lifelines plate's selection panel: a picked pipe segment (the feature id of a network layer is the segment
 * id, server/lifelines/geo-layer-sources.ts) read with `lifelines.pipes.byId`, and on demand its valve isolation
 * (`lifelines.isolation.forSegment`); viewer/lifelines/pipe-panel.tsx renders them. The isolation's valves and
 * affected buildings are drawn on the globe as overlays while the answer is shown (viewer/lifelines/isolation-overlay.ts).
 */
import { useEffect, useState } from 'react';
import { skipToken, useQuery } from '@tanstack/react-query';
import { createTranslator } from '@viewer/core/i18n';
import { LIFELINES_MESSAGES } from '@viewer/lifelines/messages';
import { PipePanel } from '@viewer/lifelines/pipe-panel';
import { AFFECTED_BUILDING_STROKE, isolationOverlayData, VALVE_MARKER_STROKE } from '@viewer/lifelines/isolation-overlay';
import { isPipeId } from '@viewer/lifelines/pipe-format';
import type { PlateSelectionPanelProps } from '../shell/client-plate';
import { useTRPC } from '../providers';
import { trpcErrorCode } from '../trpc-error-code';

/** The selection panel (see module doc); a new pick starts afresh (no isolation asked for). */
export function PipeSelectionPanel(props: PlateSelectionPanelProps) {
  return <PipeSelection key={props.selection.featureId} {...props} />;
}

function PipeSelection({ selection, locale, flyTo, onClose, showOverlays }: PlateSelectionPanelProps) {
  const t = createTranslator(LIFELINES_MESSAGES, locale);
  const trpc = useTRPC();
  const id = selection.featureId;
  const validId = isPipeId(id);
  const [isolationAsked, setIsolationAsked] = useState(false);
  const pipeQuery = useQuery(trpc.lifelines.pipes.byId.queryOptions(validId ? { id } : skipToken, { retry: false }));
  const isolationQuery = useQuery(
    trpc.lifelines.isolation.forSegment.queryOptions(validId && isolationAsked ? { id } : skipToken, { retry: false }),
  );
  const isolation = isolationQuery.data ?? null;
  useEffect(() => {
    if (!isolation) return;
    const { buildings, valves } = isolationOverlayData(isolation);
    showOverlays([
      { id: 'isolation-buildings', kind: 'geojson', style: { stroke: AFFECTED_BUILDING_STROKE, width: 3 }, options: null, data: buildings },
      { id: 'isolation-valves', kind: 'points', style: { stroke: VALVE_MARKER_STROKE }, options: { clusterPixelRange: 0, labelProperty: 'code' }, data: valves },
    ]);
    return () => showOverlays([]);
  }, [isolation, showOverlays]);
  const code = pipeQuery.error ? trpcErrorCode(pipeQuery.error) : null;
  const error = !validId || code === 'NOT_FOUND' || code === 'BAD_REQUEST'
    ? t('pipe.notFound', { id })
    : pipeQuery.error
      ? t('pipe.error', { message: pipeQuery.error.message })
      : null;
  return (
    <PipePanel
      locale={locale}
      pipe={pipeQuery.data ?? null}
      loading={pipeQuery.isFetching}
      error={error}
      isolation={isolationQuery.data ?? null}
      isolationLoading={isolationQuery.isFetching}
      isolationError={isolationQuery.error ? isolationQuery.error.message : null}
      onIsolate={() => (isolationAsked ? void isolationQuery.refetch() : setIsolationAsked(true))}
      onFlyTo={(point) => flyTo({ layerId: null, point })}
      onClose={onClose}
    />
  );
}
