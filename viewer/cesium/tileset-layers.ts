/**
 * The 3D Tiles layers of the twin: one `Cesium3DTileset` per converted model (its root `transform` already
 * places it in ECEF), each with an {@link ElementHighlighter}. Loading is asynchronous; a layer removed while
 * its tileset.json is still loading is destroyed as soon as it arrives.
 *
 * @see https://docs.ogc.org/cs/22-025r4/22-025r4.html (3D Tiles 1.1)
 */
import type { BoundingSphere, Cesium3DTileset, Scene } from '@cesium/engine';
import type { ElementSelection } from '@viewer/core/selection';
import { ElementHighlighter } from './element-highlighter';
import type { CesiumModule } from './load-cesium';

/** A tileset layer as the scene needs it. */
export interface TilesetLayerInput {
  /** Layer id (`model-<uuid>`); reported in picks as `tilesetId`. */
  id: string;
  /** URL of tileset.json (same origin, e.g. `/tiles/<modelId>/tileset.json`). */
  url: string;
  isVisible: boolean;
  /**
   * Metres to lower the tileset along the local vertical at its anchor (ECEF translation), so that a model whose
   * anchor height is an orthometric height (e.g. IfcMapConversion OrthogonalHeight 22 m) stands on the globe:
   * the twin has no terrain model, its ground is the WGS84 ellipsoid (height 0). 0 = as georeferenced.
   */
  groundOffsetM?: number;
}

interface TilesetEntry {
  url: string;
  isVisible: boolean;
  /** The layer's current `groundOffsetM` (applied on load and whenever it changes). */
  groundOffsetM: number;
  tileset: Cesium3DTileset | null;
  highlighter: ElementHighlighter | null;
  isRemoved: boolean;
  /** Why loading failed, or `null`. */
  failure: string | null;
}

/** Called when a tileset finished loading (`message === null`) or failed. */
export type TilesetLoadListener = (tilesetId: string, message: string | null) => void;

/** Maximum screen-space error for model tilesets, pixels (CesiumJS default 16; smaller = sharper, slower). */
export const MODEL_MAXIMUM_SCREEN_SPACE_ERROR_PX = 8;

/**
 * How strongly a highlight colour replaces an element's own colour, [0, 1] (1: fully; lighting still applies).
 * With `MIX` blending, plain (white) features keep their own colour, while the default `HIGHLIGHT` (multiply)
 * made a yellow hover on FZK-Haus's brown roof barely visible in screenshots.
 */
export const HIGHLIGHT_BLEND_AMOUNT = 1;

/** Owns every tileset layer of one scene. */
export class TilesetLayers {
  private readonly entries = new Map<string, TilesetEntry>();
  private readonly idsByTileset = new Map<Cesium3DTileset, string>();
  private selectedGlobalId: string | null = null;

  constructor(
    private readonly Cesium: CesiumModule,
    private readonly scene: Scene,
    private readonly onLoad: TilesetLoadListener,
  ) {}

  /** Makes the loaded layers match `layers`: starts new loads, shows/hides, destroys removed layers. */
  sync(layers: readonly TilesetLayerInput[]): void {
    const wantedUrls = new Map(layers.map((layer) => [layer.id, layer.url]));
    for (const [id, entry] of [...this.entries]) if (wantedUrls.get(id) !== entry.url) this.remove(id);
    for (const layer of layers) {
      const entry = this.entries.get(layer.id);
      if (entry) {
        entry.isVisible = layer.isVisible;
        if (entry.tileset) entry.tileset.show = layer.isVisible;
        // The model list may arrive after the catalogue: a tileset loaded with offset 0 must still be lowered.
        const groundOffsetM = layer.groundOffsetM ?? 0;
        if (groundOffsetM !== entry.groundOffsetM) {
          entry.groundOffsetM = groundOffsetM;
          if (entry.tileset) this.lowerAlongVertical(entry.tileset, groundOffsetM);
        }
      } else {
        this.load(layer);
      }
    }
    this.scene.requestRender();
  }

  /** Layer id of a tileset, or `null` when it is not one of ours. */
  idOf(tileset: Cesium3DTileset): string | null {
    return this.idsByTileset.get(tileset) ?? null;
  }

  /** The loaded tileset of a layer, or `null` while loading / after failure / when unknown. */
  tilesetOf(id: string): Cesium3DTileset | null {
    return this.entries.get(id)?.tileset ?? null;
  }

  /** The ECEF bounding sphere of a loaded tileset layer, or `null`. */
  boundingSphereOf(id: string): BoundingSphere | null {
    return this.tilesetOf(id)?.boundingSphere ?? null;
  }

  /** Whether every visible layer has loaded its tileset.json and all tiles needed for the current view. */
  get isSettled(): boolean {
    for (const entry of this.entries.values()) {
      if (!entry.isVisible || entry.failure !== null) continue;
      if (!entry.tileset || !entry.tileset.tilesLoaded) return false;
    }
    return true;
  }

  /** Ids of layers whose tileset loaded. */
  get loadedIds(): string[] {
    return [...this.entries].filter(([, entry]) => entry.tileset !== null).map(([id]) => id);
  }

  /** Highlights one element in whichever tileset holds it (`null`: none). */
  setHovered(element: ElementSelection | null): void {
    for (const [id, entry] of this.entries) entry.highlighter?.setHovered(element?.tilesetId === id ? element.globalId : null);
  }

  /** Marks the selected element by GlobalId in every tileset (GlobalIds are unique across models). */
  setSelectedGlobalId(globalId: string | null): void {
    this.selectedGlobalId = globalId;
    for (const entry of this.entries.values()) entry.highlighter?.setSelected(globalId);
  }

  /** Number of indexed elements per loaded layer (for tests and diagnostics). */
  indexedElementCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [id, entry] of this.entries) if (entry.highlighter) counts[id] = entry.highlighter.indexedElementCount;
    return counts;
  }

  /** Destroys every tileset. */
  destroy(): void {
    for (const id of [...this.entries.keys()]) this.remove(id);
  }

  private load(layer: TilesetLayerInput): void {
    const entry: TilesetEntry = {
      url: layer.url,
      isVisible: layer.isVisible,
      groundOffsetM: layer.groundOffsetM ?? 0,
      tileset: null,
      highlighter: null,
      isRemoved: false,
      failure: null,
    };
    this.entries.set(layer.id, entry);
    this.Cesium.Cesium3DTileset.fromUrl(layer.url, { maximumScreenSpaceError: MODEL_MAXIMUM_SCREEN_SPACE_ERROR_PX })
      .then((tileset) => {
        if (entry.isRemoved || this.scene.isDestroyed()) {
          tileset.destroy();
          return;
        }
        tileset.show = entry.isVisible;
        if (entry.groundOffsetM) this.lowerAlongVertical(tileset, entry.groundOffsetM);
        tileset.colorBlendMode = this.Cesium.Cesium3DTileColorBlendMode.MIX;
        tileset.colorBlendAmount = HIGHLIGHT_BLEND_AMOUNT;
        entry.tileset = tileset;
        entry.highlighter = new ElementHighlighter(this.Cesium, tileset, () => this.scene.requestRender());
        entry.highlighter.setSelected(this.selectedGlobalId);
        this.idsByTileset.set(tileset, layer.id);
        this.scene.primitives.add(tileset);
        this.scene.requestRender();
        this.onLoad(layer.id, null);
      })
      .catch((error: unknown) => {
        if (entry.isRemoved) return;
        entry.failure = error instanceof Error ? error.message : String(error);
        this.onLoad(layer.id, `${layer.url}: ${entry.failure}`);
      });
  }

  /** Sets `tileset.modelMatrix` to a translation of `offsetM` metres down the ellipsoid normal at the root's origin. */
  private lowerAlongVertical(tileset: Cesium3DTileset, offsetM: number): void {
    const { Cartesian3, Ellipsoid, Matrix4 } = this.Cesium;
    const anchorEcef = Matrix4.getTranslation(tileset.root.transform, new Cartesian3());
    const up = Ellipsoid.WGS84.geodeticSurfaceNormal(anchorEcef, new Cartesian3());
    tileset.modelMatrix = Matrix4.fromTranslation(Cartesian3.multiplyByScalar(up, -offsetM, up));
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.isRemoved = true;
    this.entries.delete(id);
    entry.highlighter?.destroy();
    if (entry.tileset) {
      this.idsByTileset.delete(entry.tileset);
      if (!this.scene.isDestroyed()) this.scene.primitives.remove(entry.tileset); // destroys it
    }
  }
}
