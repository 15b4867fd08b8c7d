/**
 * Decides how an imagery layer's `url` and options address its tiles, engine-free: which CesiumJS provider to
 * build (`UrlTemplateImageryProvider` for XYZ, `TileMapServiceImageryProvider` for TMS,
 * `WebMapTileServiceImageryProvider` for WMTS) and with which parameters. The CesiumJS side
 * (viewer/cesium/layer-kinds/imagery.ts) only maps an {@link ImagerySource} onto a provider.
 *
 * Notes:
 * - WMTS is addressed through a tile template only: the url must contain `{TileMatrix}`, `{TileRow}` and
 *   `{TileCol}` (CesiumJS also accepts them lower-case). This covers RESTful services and KVP services written as
 *   a template (`…/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=vec&…&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&
 *   TILECOL={TileCol}`). A bare KVP endpoint is refused: CesiumJS would add its own lower-case `format=image/jpeg`
 *   next to an upper-case `FORMAT=tiles` in the url, and services differ in which one they read.
 * - 天地图's geographic tile matrix set `c` starts at TileMatrix `1` with the 2 × 1 world that is level 0 of
 *   CesiumJS's `GeographicTilingScheme`, so its labels are level + 1 ({@link TIANDITU_GEOGRAPHIC_MATRIX_SET}). Its
 *   Web Mercator set `w` numbers matrices like XYZ zoom levels (it has no matrix 0; CesiumJS's request for it fails
 *   once, which the plugin reports). Other services whose identifiers carry a prefix (GeoServer `EPSG:4326:5`)
 *   write the prefix into the template: `…/EPSG:4326/EPSG:4326:{TileMatrix}/{TileRow}/{TileCol}`.
 * - XYZ templates may use Leaflet's `{-y}` (rows counted from the south); it becomes CesiumJS's `{reverseY}`.
 *
 * @see OGC 07-057r7 (WMTS 1.0.0) §7.1 (TileMatrixSet), §10.2 (RESTful tile template);
 *   https://wiki.osgeo.org/wiki/Tile_Map_Service_Specification (TMS)
 */
import { InputError } from '@kernel/errors';
import type { LayerKindOptions } from '@kernel/layer-kinds';

/** Options of an imagery layer (the catalogue's `options` of kind `imagery`). */
export type ImageryOptions = LayerKindOptions['imagery'];

/** Defaults of the optional imagery options that have one. */
export const IMAGERY_DEFAULTS = {
  wmtsStyle: 'default',
  tilingScheme: 'webmercator',
  alpha: 1,
} satisfies Required<Pick<ImageryOptions, 'wmtsStyle' | 'tilingScheme' | 'alpha'>>;

/** Deepest zoom level a service may declare (`maximumLevel`), inclusive. */
export const MAX_IMAGERY_LEVEL = 22;

/** 天地图's geographic (CGCS2000 lon/lat) tile matrix set, whose first matrix `1` is CesiumJS's level 0. */
export const TIANDITU_GEOGRAPHIC_MATRIX_SET = 'c';

/** Parameters shared by every provider. */
interface ImagerySourceBase {
  /** The tile url or template, as CesiumJS reads it. */
  url: string;
  tilingScheme: 'webmercator' | 'geographic';
  /** Deepest level requested, [0, {@link MAX_IMAGERY_LEVEL}]; `undefined` = the provider's own. */
  maximumLevel: number | undefined;
  /**
   * Attribution as CesiumJS's credit HTML (CesiumJS renders a credit string as HTML): the admin's text with `&`, `<`,
   * `>`, `"` and `'` escaped, so that it shows as written and cannot add markup or styles to the page; or `undefined`.
   */
  credit: string | undefined;
}

/** How one imagery layer addresses its tiles: the provider to build and its parameters. */
export type ImagerySource =
  | (ImagerySourceBase & {
      provider: 'url-template';
      /** Substituted for `{s}`; `undefined` = none given (CesiumJS's default `abc` is harmless without `{s}`). */
      subdomains: string[] | undefined;
    })
  | (ImagerySourceBase & { provider: 'tile-map-service' })
  | (ImagerySourceBase & {
      provider: 'web-map-tile-service';
      subdomains: string[] | undefined;
      /** WMTS layer identifier ('' when the template has no `{layer}`). */
      layer: string;
      /** WMTS style. */
      style: string;
      /** Tile matrix set identifier ('' when the template has no `{TileMatrixSet}`). */
      tileMatrixSetId: string;
      /** TileMatrix identifier per CesiumJS level (index = level), or `undefined` = the level number itself. */
      tileMatrixLabels: string[] | undefined;
    });

/** Whether `template` contains `{name}` in either of the spellings CesiumJS substitutes (as given, lower-case). */
function hasPlaceholder(template: string, name: string): boolean {
  return template.includes(`{${name}}`) || template.includes(`{${name.toLowerCase()}}`);
}

function checkMaximumLevel(layerUrl: string, maximumLevel: number | undefined): number | undefined {
  if (maximumLevel === undefined) return undefined;
  if (!Number.isInteger(maximumLevel) || maximumLevel < 0 || maximumLevel > MAX_IMAGERY_LEVEL) {
    throw new InputError(`imagery ${layerUrl}: maximumLevel must be an integer in [0, ${MAX_IMAGERY_LEVEL}], got ${maximumLevel}`, {
      context: { url: layerUrl, maximumLevel },
    });
  }
  return maximumLevel;
}

function nonEmpty(values: string[] | undefined): string[] | undefined {
  return values && values.length > 0 ? [...values] : undefined;
}

/**
 * The layer opacity to draw with: `options.alpha` clamped to [0, 1]; a missing or non-finite value is
 * {@link IMAGERY_DEFAULTS}.alpha (1, opaque).
 */
export function imageryAlpha(options: ImageryOptions | null): number {
  const alpha = options?.alpha;
  if (alpha === undefined || !Number.isFinite(alpha)) return IMAGERY_DEFAULTS.alpha;
  return Math.min(1, Math.max(0, alpha));
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` as HTML text content. */
function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * Resolves the provider and parameters of an imagery layer (see module notes).
 *
 * @param url - the layer's `url`: an XYZ template (`{z}/{x}/{y}`), a TMS root (the folder of
 *   tilemapresource.xml) or a WMTS tile template
 * @param options - the layer's options; `null` (a catalogue row without options) is refused, as is any scheme
 *   other than `xyz`, `tms` or `wmts`
 * @returns the source; opacity and visibility are not part of it (they change in place)
 * @throws {InputError} when options are missing, the url does not fit the scheme (an XYZ template without `{z}`, `{x}` and `{y}`, a
 *   WMTS url without `{TileMatrix}`, `{TileRow}` and `{TileCol}`, a `{layer}`/`{TileMatrixSet}` placeholder
 *   without its option) or `maximumLevel` is out of range
 */
export function resolveImagerySource(url: string, options: ImageryOptions | null): ImagerySource {
  if (url.trim().length === 0) throw new InputError('imagery: url is empty', { context: { url } });
  if (options === null) throw new InputError(`imagery ${url}: options with a scheme (xyz, tms or wmts) are missing`, { context: { url } });
  const base: ImagerySourceBase = {
    url,
    tilingScheme: options.tilingScheme ?? IMAGERY_DEFAULTS.tilingScheme,
    maximumLevel: checkMaximumLevel(url, options.maximumLevel),
    credit: options.credit && options.credit.length > 0 ? htmlText(options.credit) : undefined,
  };
  switch (options.scheme) {
    case 'xyz': {
      const template = url.replaceAll('{-y}', '{reverseY}');
      const hasRow = template.includes('{y}') || template.includes('{reverseY}');
      if (!template.includes('{z}') || !template.includes('{x}') || !hasRow) {
        throw new InputError(`imagery ${url}: an XYZ url must contain {z}, {x} and {y} (or {-y} / {reverseY})`, { context: { url } });
      }
      return { ...base, provider: 'url-template', url: template, subdomains: nonEmpty(options.subdomains) };
    }
    case 'tms':
      return { ...base, provider: 'tile-map-service' };
    case 'wmts': {
      const missing = ['TileMatrix', 'TileRow', 'TileCol'].filter((name) => !hasPlaceholder(url, name));
      if (missing.length > 0) {
        throw new InputError(`imagery ${url}: a WMTS url must be a tile template; missing ${missing.map((name) => `{${name}}`).join(', ')}`, {
          context: { url, missing },
        });
      }
      const layer = options.layer ?? '';
      if (hasPlaceholder(url, 'layer') && layer.length === 0) {
        throw new InputError(`imagery ${url}: the WMTS template has {layer} but options.layer is not set`, { context: { url } });
      }
      const tileMatrixSetId = options.tileMatrixSetId ?? '';
      if (hasPlaceholder(url, 'TileMatrixSet') && tileMatrixSetId.length === 0) {
        throw new InputError(`imagery ${url}: the WMTS template has {TileMatrixSet} but options.tileMatrixSetId is not set`, {
          context: { url },
        });
      }
      const isTiandituGeographic = tileMatrixSetId === TIANDITU_GEOGRAPHIC_MATRIX_SET && base.tilingScheme === 'geographic';
      const labelCount = (base.maximumLevel ?? MAX_IMAGERY_LEVEL) + 1;
      return {
        ...base,
        provider: 'web-map-tile-service',
        subdomains: nonEmpty(options.subdomains),
        layer,
        style: options.wmtsStyle ?? IMAGERY_DEFAULTS.wmtsStyle,
        tileMatrixSetId,
        tileMatrixLabels: isTiandituGeographic ? Array.from({ length: labelCount }, (_, level) => String(level + 1)) : undefined,
      };
    }
    default: {
      const scheme: unknown = (options as { scheme?: unknown }).scheme;
      throw new InputError(`imagery ${url}: unknown scheme ${String(scheme)} (expected xyz, tms or wmts)`, { context: { url, scheme } });
    }
  }
}

/**
 * A key of everything that decides the provider (url, scheme and every option except `alpha`): two layers with
 * equal keys can share one provider, a changed key means the layer must be built again.
 */
export function imagerySourceKey(url: string, options: ImageryOptions | null): string {
  const { alpha: _alpha, ...providerOptions } = options ?? {};
  // Sorted keys: the same options in another key order are the same provider.
  return `${url}\n${JSON.stringify(providerOptions, Object.keys(providerOptions).sort())}`;
}
