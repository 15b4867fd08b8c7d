/**
 * Layer kind `tileset`: a tileset our tiler converted from IFC, one `Cesium3DTileset` per layer (its root
 * `transform` already places it in ECEF), with an {@link ElementHighlighter} so that a whole IFC element lights
 * up on hover and selection. Features are picked by their `globalId` metadata. Loading is asynchronous; a layer
 * detached while its tileset.json is still loading is destroyed as soon as it arrives.
 *
 * Notes — model heights and terrain:
 * - A model's anchor height comes from the IFC (`IfcMapConversion.OrthogonalHeight`, `RefElevation`): orthometric
 *   (1985 国家高程基准) in practice, used as ellipsoidal because no geoid model is bundled. The catalogue passes it
 *   as `groundOffsetM`.
 * - Without terrain (the default: the globe is the WGS84 ellipsoid) the model is lowered by `groundOffsetM`, so its
 *   anchor (the IFC origin, normally the ground floor ±0.000) sits on the ellipsoid, where the imagery is drawn.
 * - With a terrain layer active, the terrain height at the anchor's lon/lat is sampled
 *   (`sampleTerrainMostDetailed`, heights as the terrain provider gives them: ellipsoidal for quantized-mesh) and
 *   the model is moved so that its anchor sits on that surface: translation = terrain height − `groundOffsetM`
 *   along the ellipsoid normal. The IFC's own height is not compared with the terrain: the two datums differ by the
 *   geoid undulation (metres to tens of metres; unknown without a geoid model), so "stands where it was placed" means
 *   "anchor on the ground at its site". A model whose anchor is not at ground level (a storey origin above ground)
 *   stands as far above or below the terrain as above or below the ellipsoid without it.
 * - The terrain is sampled again when the globe's terrain changes (`globe.terrainProviderChanged`); a failed sample
 *   (no tile there) keeps the ellipsoid placement.
 * @see https://docs.ogc.org/cs/22-025r4/22-025r4.html (3D Tiles 1.1)
 */
import type { Cesium3DTileset } from '@cesium/engine';
import { kindOptions } from '@viewer/core/kind-options';
import type { SceneLayer } from '@viewer/core/scene-layer';
import { ElementHighlighter, featureGlobalId } from '../element-highlighter';
import type { LayerKindBinding, LayerKindContext, LayerKindPlugin } from '../layer-kind-plugin';
import { ModelLabels } from '../model-labels';

/** Maximum screen-space error for model tilesets, pixels (CesiumJS default 16; smaller = sharper, slower). */
export const MODEL_MAXIMUM_SCREEN_SPACE_ERROR_PX = 8;

/**
 * How strongly a highlight colour replaces an element's own colour, [0, 1] (1: fully; lighting still applies).
 * With `MIX` blending, plain (white) features keep their own colour, while the default `HIGHLIGHT` (multiply)
 * made a yellow hover on FZK-Haus's brown roof barely visible in screenshots.
 */
export const HIGHLIGHT_BLEND_AMOUNT = 1;

/** Per-layer state of a model tileset. */
export interface TilesetHandle {
  url: string;
  isVisible: boolean;
  /** Metres the tileset is lowered along the local vertical (see `LayerKindOptions['tileset']`). */
  groundOffsetM: number;
  /** Terrain height at the anchor (0 on the ellipsoid), metres as the terrain provider gives them. */
  terrainHeightM: number;
  tileset: Cesium3DTileset | null;
  highlighter: ElementHighlighter | null;
  isDetached: boolean;
  /** Why loading failed, or `null`. */
  failure: string | null;
  /** The layer's id (its model label's key) and label text (`options.label`), or `null` for none. */
  layerId: string;
  label: string | null;
  /** Marks asked for before the tileset arrived (applied on load). */
  hovered: string | null;
  selected: string | null;
}

/** The layer's ground offset, metres (0 when the catalogue gives none). */
function groundOffsetOf(layer: SceneLayer): number {
  const offset = kindOptions(layer, 'tileset')?.groundOffsetM;
  return typeof offset === 'number' && Number.isFinite(offset) ? offset : 0;
}

/**
 * Height of a model's base above the globe, metres. A model stands on the ellipsoid (lowered by its anchor height),
 * so the top face of its ground slab (FZK-Haus's green IfcSite terrain, every slab on grade) was coplanar with the
 * globe surface and the imagery showed through it in stripes (z-fighting), at every distance. 0.1 m wins the depth
 * test against the globe with CesiumJS's logarithmic depth from the ground up to ≈ 2 km away (checked in
 * screenshots at Honggutan, 60 m and 400 m away), and is not visible as a gap. Polygon offset cannot be set on
 * the globe or on 3D Tiles content, and classification would drape the model, not lift it.
 */
export const MODEL_GROUND_CLEARANCE_M = 0.1;

/**
 * Sets `tileset.modelMatrix` to a translation of `offsetM` metres down the ellipsoid normal at the root's origin,
 * less {@link MODEL_GROUND_CLEARANCE_M}.
 */
function lowerAlongVertical(ctx: LayerKindContext, tileset: Cesium3DTileset, offsetM: number): void {
  const { Cartesian3, Ellipsoid, Matrix4 } = ctx.Cesium;
  const anchorEcef = Matrix4.getTranslation(tileset.root.transform, new Cartesian3());
  const up = Ellipsoid.WGS84.geodeticSurfaceNormal(anchorEcef, new Cartesian3());
  tileset.modelMatrix = Matrix4.fromTranslation(Cartesian3.multiplyByScalar(up, MODEL_GROUND_CLEARANCE_M - offsetM, up));
}

/** The layer's label text (`options.label`), or `null`. */
function labelOf(layer: SceneLayer): string | null {
  const label = kindOptions(layer, 'tileset')?.label;
  return typeof label === 'string' && label.trim().length > 0 ? label : null;
}

/** Samples the active terrain at the tileset's anchor and moves it so that the anchor sits on it (see Notes). */
function placeOnGround(ctx: LayerKindContext, handle: TilesetHandle): void {
  const { tileset } = handle;
  if (!tileset || handle.isDetached) return;
  const { Cesium, scene } = ctx;
  const provider = scene.terrainProvider;
  if (provider instanceof Cesium.EllipsoidTerrainProvider) {
    handle.terrainHeightM = 0;
    lowerAlongVertical(ctx, tileset, handle.groundOffsetM);
    ctx.requestRender();
    return;
  }
  const anchor = Cesium.Cartographic.fromCartesian(Cesium.Matrix4.getTranslation(tileset.root.transform, new Cesium.Cartesian3()));
  if (!anchor) return;
  Cesium.sampleTerrainMostDetailed(provider, [new Cesium.Cartographic(anchor.longitude, anchor.latitude, 0)])
    .then(([sample]) => {
      if (handle.isDetached || scene.terrainProvider !== provider || handle.tileset !== tileset) return;
      handle.terrainHeightM = Number.isFinite(sample?.height) ? sample.height : 0;
      lowerAlongVertical(ctx, tileset, handle.groundOffsetM - handle.terrainHeightM);
      ctx.requestRender();
    })
    .catch(() => {
      // No terrain tile there: keep the ellipsoid placement.
    });
}

function bindTileset(ctx: LayerKindContext): LayerKindBinding<TilesetHandle> {
  const { Cesium, scene } = ctx;
  const handles = new Set<TilesetHandle>();
  scene.globe?.terrainProviderChanged.addEventListener(() => {
    for (const handle of handles) placeOnGround(ctx, handle);
  });
  let labels: ModelLabels | null = null;
  /** Places the model's name above its bounding sphere; hidden with the layer and while it holds the selection. */
  const placeLabel = (handle: TilesetHandle): void => {
    const sphere = handle.tileset?.boundingSphere;
    if (!sphere || handle.label === null) {
      labels?.remove(handle.layerId);
      return;
    }
    const up = Cesium.Ellipsoid.WGS84.geodeticSurfaceNormal(sphere.center, new Cesium.Cartesian3());
    const topEcef = Cesium.Cartesian3.add(sphere.center, Cesium.Cartesian3.multiplyByScalar(up, sphere.radius * 0.7, up), new Cesium.Cartesian3());
    labels ??= new ModelLabels(Cesium, scene);
    labels.set(handle.layerId, handle.label, topEcef, handle.isVisible && handle.selected === null);
  };
  return {
    attach(layer) {
      const handle: TilesetHandle = {
        url: layer.url,
        isVisible: layer.isVisible,
        groundOffsetM: groundOffsetOf(layer),
        terrainHeightM: 0,
        tileset: null,
        highlighter: null,
        isDetached: false,
        failure: null,
        layerId: layer.id,
        label: labelOf(layer),
        hovered: null,
        selected: null,
      };
      Cesium.Cesium3DTileset.fromUrl(layer.url, { maximumScreenSpaceError: MODEL_MAXIMUM_SCREEN_SPACE_ERROR_PX })
        .then((tileset) => {
          if (handle.isDetached || scene.isDestroyed()) {
            tileset.destroy();
            return;
          }
          tileset.show = handle.isVisible;
          lowerAlongVertical(ctx, tileset, handle.groundOffsetM);
          tileset.colorBlendMode = Cesium.Cesium3DTileColorBlendMode.MIX;
          tileset.colorBlendAmount = HIGHLIGHT_BLEND_AMOUNT;
          handle.tileset = tileset;
          handle.highlighter = new ElementHighlighter(Cesium, tileset, () => ctx.requestRender());
          handle.highlighter.setHovered(handle.hovered);
          handle.highlighter.setSelected(handle.selected);
          scene.primitives.add(tileset);
          placeOnGround(ctx, handle);
          placeLabel(handle);
          ctx.requestRender();
          ctx.reportLoad(layer.id, null);
        })
        .catch((error: unknown) => {
          if (handle.isDetached) return;
          handle.failure = error instanceof Error ? error.message : String(error);
          ctx.reportLoad(layer.id, `${layer.url}: ${handle.failure}`);
        });
      handles.add(handle);
      return handle;
    },
    update(handle, layer) {
      handle.isVisible = layer.isVisible;
      if (handle.tileset) handle.tileset.show = layer.isVisible;
      // The model list may arrive after the catalogue: a tileset loaded with offset 0 must still be lowered.
      const groundOffsetM = groundOffsetOf(layer);
      if (groundOffsetM !== handle.groundOffsetM) {
        handle.groundOffsetM = groundOffsetM;
        if (handle.tileset) lowerAlongVertical(ctx, handle.tileset, groundOffsetM - handle.terrainHeightM);
      }
      handle.label = labelOf(layer);
      placeLabel(handle);
      ctx.requestRender();
    },
    needsReattach: (layer, previous) => layer.url !== previous.url,
    detach(handle) {
      handle.isDetached = true;
      handles.delete(handle);
      labels?.remove(handle.layerId);
      handle.highlighter?.destroy();
      // `remove` destroys the tileset (`primitives.destroyPrimitives` is true by default).
      if (handle.tileset && !scene.isDestroyed()) scene.primitives.remove(handle.tileset);
      ctx.requestRender();
    },
    pick(handle, picked) {
      if (!handle.tileset || !(picked instanceof Cesium.Cesium3DTileFeature) || picked.tileset !== handle.tileset) return null;
      return featureGlobalId(picked);
    },
    label(handle, picked) {
      if (!(picked instanceof Cesium.Cesium3DTileFeature) || picked.tileset !== handle.tileset) return null;
      const text = (name: string): string | null => {
        const value: unknown = picked.getProperty(name);
        return typeof value === 'string' && value.length > 0 ? value : null;
      };
      return { kind: text('ifcClass'), name: text('name') };
    },
    highlight(handle, featureId, mode) {
      if (mode === 'hover') {
        handle.hovered = featureId;
        handle.highlighter?.setHovered(featureId);
      } else {
        handle.selected = featureId;
        handle.highlighter?.setSelected(featureId);
        labels?.setWanted(handle.layerId, handle.isVisible && featureId === null);
      }
    },
    isSettled: (handle) => handle.failure !== null || !handle.isVisible || (handle.tileset?.tilesLoaded ?? false),
    boundingSphere: (handle) => handle.tileset?.boundingSphere ?? null,
    status: (handle) => ({
      isLoaded: handle.tileset !== null,
      indexedElementCount: handle.highlighter?.indexedElementCount ?? 0,
      groundOffsetM: handle.groundOffsetM,
      terrainHeightM: handle.terrainHeightM,
      shownModelLabelCount: labels?.shownCount ?? 0,
    }),
  };
}

/** The `tileset` layer kind (see module doc). */
export const TILESET_LAYER_KIND: LayerKindPlugin<TilesetHandle> = { kind: 'tileset', bind: bindTileset };
