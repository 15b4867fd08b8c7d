import { InputError, NotFoundError } from '@kernel/errors';
import { describeInput, layerIdSchema } from '@kernel/zod-fields';
import { resolveTileFile } from '../tile-files';
import { tileFileResponse, type TileRouteDeps } from '../tile-response';
import { CATALOGUE_TILES_FOLDER } from './catalogue-service';
import { visibleCatalogueLayer } from './layer-access';

/**
 * `GET /tiles/catalogue/<layerId>/<path…>`: a file of an uploaded tileset (`TILES_DIR/catalogue/<layerId>/`), only
 * for callers who may see the layer (./layer-access.ts; others get 404 as if it did not exist). Path checks, content
 * types and caching are the model route's (../tile-files.ts, ../tile-response.ts); an internal layer's files are
 * cached privately.
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
      return layer.visibility === 'public' ? file : { ...file, cacheControl: file.cacheControl.replace(/^public/, 'private') };
    },
    { layerId },
  );
}
