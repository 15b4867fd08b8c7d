'use client';
/**
 * Fetches the GeoJSON of the visible data-driven catalogue layers (kernel `GEOJSON_DATA_KINDS`: geojson, points,
 * tubes; `GET /api/geo/<layerId>`) with TanStack Query.
 * A layer is fetched the first time it is shown and kept afterwards (hiding it does not drop the data).
 */
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { GEOJSON_DATA_KINDS } from '@kernel/layer-kinds';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import type { LayerDescriptor } from '@viewer/core/layer-descriptor';

/** GeoJSON data per layer id, the ids still loading, and fetch errors per layer id. */
export interface GeoLayerData {
  dataById: ReadonlyMap<string, FeatureCollection>;
  busyIds: ReadonlySet<string>;
  errorsById: ReadonlyMap<string, string>;
}

async function fetchFeatureCollection(url: string): Promise<FeatureCollection> {
  const response = await fetch(url, { headers: { accept: 'application/geo+json, application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || (body as { type?: unknown }).type !== 'FeatureCollection') {
    throw new Error(`${url}: not a GeoJSON FeatureCollection`);
  }
  return body as FeatureCollection;
}

/**
 * Fetches visible GeoJSON layers once each.
 *
 * @param visibility - current visibility per layer id
 */
export function useGeoLayers(layers: readonly LayerDescriptor[], visibility: Readonly<Record<string, boolean>>): GeoLayerData {
  const [requestedIds, setRequestedIds] = useState<ReadonlySet<string>>(new Set());
  const geoLayers = layers.filter((layer) => GEOJSON_DATA_KINDS.includes(layer.kind));
  const newlyVisible = geoLayers.filter((layer) => visibility[layer.id] && !requestedIds.has(layer.id));
  if (newlyVisible.length > 0) {
    // Adjusting state during render (React's documented pattern) so the fetch starts in the same pass.
    setRequestedIds(new Set([...requestedIds, ...newlyVisible.map((layer) => layer.id)]));
  }
  const requested = geoLayers.filter((layer) => requestedIds.has(layer.id));
  const results = useQueries({
    queries: requested.map((layer) => ({
      queryKey: ['geo', layer.id, layer.url],
      queryFn: () => fetchFeatureCollection(layer.url),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const dataKey = results.map((result) => result.dataUpdatedAt).join(',');
  const statusKey = results.map((result) => result.status).join(',');
  return useMemo(() => {
    const dataById = new Map<string, FeatureCollection>();
    const busyIds = new Set<string>();
    const errorsById = new Map<string, string>();
    requested.forEach((layer, index) => {
      const result = results[index];
      if (result.data) dataById.set(layer.id, result.data);
      if (result.isPending) busyIds.add(layer.id);
      if (result.error) errorsById.set(layer.id, result.error.message);
    });
    return { dataById, busyIds, errorsById };
    // `results` is a new array every render; its data and status keys say when it really changed.
  }, [dataKey, statusKey, requested.map((layer) => layer.id).join(',')]);
}
