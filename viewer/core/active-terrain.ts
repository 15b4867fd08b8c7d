/**
 * Which terrain layer the globe uses. A CesiumJS globe has exactly one terrain provider, so among the terrain
 * layers only one can be active: the last visible one, i.e. the visible layer with the highest `order` (the one
 * drawn last), and among equal orders the one attached last. A layer still loading (or failed) does not count:
 * the next one shows until it is ready, and with none the globe falls back to the plain ellipsoid.
 */

/** A terrain layer as the choice needs it. */
export interface TerrainCandidate {
  /** Catalogue layer id. */
  id: string;
  /** The layer's `order` (ascending = drawn first). */
  order: number;
  isVisible: boolean;
  /** Whether its terrain provider has loaded (`layer.json` read). */
  isLoaded: boolean;
  /** Increases with each attach in a scene (ties of `order` go to the later attach). */
  attachSerial: number;
}

/**
 * Picks the active terrain layer (see module doc).
 *
 * @returns its id, or `null` when no terrain layer is visible and loaded (the globe uses the ellipsoid)
 */
export function chooseActiveTerrain(candidates: Iterable<TerrainCandidate>): string | null {
  let best: TerrainCandidate | null = null;
  for (const candidate of candidates) {
    if (!candidate.isVisible || !candidate.isLoaded) continue;
    const isLater = best === null || candidate.order > best.order || (candidate.order === best.order && candidate.attachSerial > best.attachSerial);
    if (isLater) best = candidate;
  }
  return best?.id ?? null;
}
