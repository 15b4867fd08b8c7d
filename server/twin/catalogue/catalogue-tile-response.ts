import { InputError, NotFoundError } from '@kernel/errors';
import { describeInput, layerIdSchema } from '@kernel/zod-fields';
import { IMMUTABLE_CACHE, resolveTileFile } from '../tile-files';
import { tileFileResponse, type TileRouteDeps } from '../tile-response';
import { CATALOGUE_TILES_FOLDER } from './catalogue-service';
import { visibleCatalogueLayer } from './layer-access';

/** How long a shared cache may keep a public uploaded layer's tile content, s (a visibility change takes this long). */
export const CATALOGUE_PUBLIC_MAX_AGE_S = 300;

/** The cache policy of one file of an uploaded layer (see the module doc): immutable names get the short shared age. */
function catalogueCacheControl(fileCacheControl: string, visibility: 'public' | 'internal'): string {
  if (visibility !== 'public') return fileCacheControl.replace(/^public/, 'private');
  return fileCacheControl === IMMUTABLE_CACHE ? `public, max-age=${CATALOGUE_PUBLIC_MAX_AGE_S}` : fileCacheControl;
}

/**
 * `GET /tiles/catalogue/<layerId>/<path…>`: a file of an uploaded tileset (`TILES_DIR/catalogue/<layerId>/`), only
 * for callers who may see the layer (./layer-access.ts; others get 404 as if it did not exist). Path checks, content
 * types, `.br`/`.gz` negotiation and ETags are the model route's (../tile-files.ts, ../tile-response.ts). Caching: an
 * internal layer's files are cached privately; a public layer's content-hashed files are shared-cacheable for
 * {@link CATALOGUE_PUBLIC_MAX_AGE_S} only, not immutable like a model's — an admin may turn the layer internal (or
 * remove it), and a shared cache must stop serving it within that time; every other file is `no-cache`.
 * @param layerId the URL's layer id (checked against `layerIdSchema`: 400 otherwise)
 * @param segments decoded URL path segments after the layer id
 * @see docs/api.md "GET /tiles/catalogue/<layerId>/<path...>"
 */
export function catalogueTileResponse(deps: TileRouteDeps, req: Request, layerId: string, segments: readonly string[]): Promise<Response> {
  return tileFileResponse(
    deps,
    req,
    segments,
    async (db, actor) => {
      if (!layerIdSchema.safeParse(layerId).success) throw new InputError(`tiles: layer id must look like "catalogue-…", got ${describeInput(layerId)}`);
      const layer = await visibleCatalogueLayer(db, actor, layerId, 'uploaded');
      const file = layer.kind === 'external-tileset' ? await resolveTileFile(deps.tilesRoot, `${CATALOGUE_TILES_FOLDER}/${layer.id}`, segments) : null;
      if (!file) throw new NotFoundError(`tiles: no file ${segments.join('/')} for layer ${layerId}`, { context: { layerId } });
      return { ...file, cacheControl: catalogueCacheControl(file.cacheControl, layer.visibility) };
    },
    { layerId },
  );
}
