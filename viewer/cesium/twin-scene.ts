/**
 * The city twin's CesiumJS scene: an offline globe (NaturalEarthII imagery shipped with CesiumJS, ellipsoid
 * terrain, no ion, no geocoder, no online imagery), GeoJSON outline layers, model tilesets, picking, camera
 * events and a readiness signal. Created and destroyed only by {@link useCesiumViewer}.
 *
 * Notes: `CesiumWidget` is used instead of `Viewer`: the twin needs none of Viewer's widgets (geocoder,
 * base-layer picker, timeline…), so nothing can reach out to online services. `requestRenderMode` keeps the
 * CPU idle between camera moves, which matters with software WebGL (SwiftShader renders ≈ 1.7 fps at 1280×800).
 *
 * @see https://cesium.com/learn/cesiumjs/ref-doc/CesiumWidget.html
 */
import type { CesiumWidget, ScreenSpaceEventHandler } from '@cesium/engine';
import { JIANGXI_OVERVIEW_CAMERA, type CameraState } from '@viewer/core/camera-url';
import type { FeatureCollection } from '@viewer/core/geojson-lines';
import type { ElementSelection } from '@viewer/core/selection';
import { isSameSelection } from '@viewer/core/selection';
import type { ElementLabel, EventEmitter, TwinEventMap } from '@viewer/core/twin-events';
import {
  applyCameraState,
  flyToCameraState,
  flyToPoint,
  flyToSphere,
  FLY_DURATION_S,
  readCameraState,
  type FlyToPoint,
} from './camera-pose';
import { featureGlobalId } from './element-highlighter';
import type { CesiumModule } from './load-cesium';
import { OutlineLayer, type OutlineStyle } from './outline-layer';
import { TilesetLayers, type TilesetLayerInput } from './tileset-layers';

/** An outline layer as the scene needs it; `data: null` while the app is still fetching it. */
export interface OutlineLayerInput {
  id: string;
  data: FeatureCollection | null;
  style: OutlineStyle;
  isVisible: boolean;
}

/** Minimum time between two hover picks, milliseconds (a pick re-renders the scene; slow in software WebGL). */
export const HOVER_PICK_INTERVAL_MS = 120;

/**
 * Below this camera height (m, ellipsoidal) primitives are depth-tested against the globe, so roads and
 * boundaries hide behind models instead of drawing over them; above it they draw over the globe (a 1 m lift
 * cannot win the depth test from hundreds of kilometres away). CesiumJS runs the 3D Tiles pass before the
 * globe-depth clear, so with the test off, polylines were drawn across building façades.
 */
export const DEPTH_TEST_MAX_HEIGHT_M = 30_000;

/** Fly-to distance for a tileset, in bounding-sphere radii (leaves room for the side panels). */
export const TILESET_RANGE_PER_RADIUS = 4;

/** Closest fly-to distance for a tileset, metres (a single small element still gets some context). */
export const MIN_TILESET_RANGE_M = 40;

/** Globe colour where imagery has no data, and the space background: the panels' dark navy (CSS colours). */
export const GLOBE_BASE_COLOUR = '#0b1a2c';
export const SPACE_BACKGROUND_COLOUR = '#050a12';

/** Relative path of CesiumJS's bundled NaturalEarthII TMS imagery (served from `/cesium/Assets/...`). */
export const NATURAL_EARTH_PATH = 'Assets/Textures/NaturalEarthII';

/** The twin scene (see module notes). */
export class TwinScene {
  /** The CesiumJS widget (canvas, scene, camera). */
  readonly widget: CesiumWidget;
  private readonly tilesets: TilesetLayers;
  private readonly outlines = new Map<string, { data: FeatureCollection; layer: OutlineLayer }>();
  private readonly handler: ScreenSpaceEventHandler;
  private readonly removeListeners: (() => void)[] = [];
  private hovered: ElementSelection | null = null;
  private lastHoverPickMs = 0;
  private pendingHover: { x: number; y: number } | null = null;
  private hoverTimer: ReturnType<typeof setTimeout> | null = null;
  private isReady = false;

  /**
   * Creates the widget inside `container` and starts at `initialCamera` (default: the Jiangxi overview).
   */
  constructor(
    private readonly Cesium: CesiumModule,
    container: HTMLElement,
    private readonly events: EventEmitter<TwinEventMap>,
    initialCamera: CameraState | null,
  ) {
    const baseLayer = Cesium.ImageryLayer.fromProviderAsync(
      Cesium.TileMapServiceImageryProvider.fromUrl(Cesium.buildModuleUrl(NATURAL_EARTH_PATH)),
      {},
    );
    this.widget = new Cesium.CesiumWidget(container, {
      baseLayer,
      terrainProvider: new Cesium.EllipsoidTerrainProvider(),
      scene3DOnly: true,
      requestRenderMode: true,
      maximumRenderTimeChange: Number.POSITIVE_INFINITY,
      msaaSamples: 1,
      useBrowserRecommendedResolution: true,
    });
    const scene = this.widget.scene;
    scene.globe.baseColor = Cesium.Color.fromCssColorString(GLOBE_BASE_COLOUR);
    scene.globe.depthTestAgainstTerrain = false;
    scene.backgroundColor = Cesium.Color.fromCssColorString(SPACE_BACKGROUND_COLOUR);
    applyCameraState(Cesium, scene.camera, initialCamera ?? JIANGXI_OVERVIEW_CAMERA);

    this.tilesets = new TilesetLayers(Cesium, scene, (tilesetId, message) => {
      this.events.emit('tileset-load', { tilesetId, isLoaded: message === null, message });
      this.updateReadiness();
    });

    this.handler = new Cesium.ScreenSpaceEventHandler(scene.canvas);
    this.handler.setInputAction(
      (movement: { position: { x: number; y: number } }) => this.select(movement.position),
      Cesium.ScreenSpaceEventType.LEFT_CLICK,
    );
    this.handler.setInputAction(
      (movement: { endPosition: { x: number; y: number } }) => this.queueHover(movement.endPosition),
      Cesium.ScreenSpaceEventType.MOUSE_MOVE,
    );
    this.removeListeners.push(
      scene.camera.moveEnd.addEventListener(() =>
        this.events.emit('camera-change', { camera: readCameraState(Cesium, scene.camera) }),
      ),
      scene.postRender.addEventListener(() => this.updateReadiness()),
      scene.preRender.addEventListener(() => {
        const isNearGround = scene.camera.positionCartographic.height < DEPTH_TEST_MAX_HEIGHT_M;
        if (scene.globe.depthTestAgainstTerrain !== isNearGround) scene.globe.depthTestAgainstTerrain = isNearGround;
      }),
    );
  }

  /** Makes the outline layers match `layers` (creates, shows/hides, rebuilds on new data, destroys). */
  syncOutlineLayers(layers: readonly OutlineLayerInput[]): void {
    const wanted = new Map(layers.filter((layer) => layer.data !== null).map((layer) => [layer.id, layer]));
    for (const [id, entry] of [...this.outlines]) {
      if (wanted.get(id)?.data !== entry.data) {
        entry.layer.destroy();
        this.outlines.delete(id);
      }
    }
    for (const [id, input] of wanted) {
      const existing = this.outlines.get(id);
      if (existing) existing.layer.setVisible(input.isVisible);
      else {
        const layer = new OutlineLayer(this.Cesium, this.widget.scene, input.data!, input.style, input.isVisible);
        this.outlines.set(id, { data: input.data!, layer });
      }
    }
    // Thicker (higher-level) boundaries on top of thinner ones where they coincide.
    const byWidth = [...this.outlines.values()].sort((a, b) => a.layer.widthPx - b.layer.widthPx);
    for (const entry of byWidth) entry.layer.raiseToTop();
    this.widget.scene.requestRender();
  }

  /** Makes the model tileset layers match `layers`. */
  syncTilesetLayers(layers: readonly TilesetLayerInput[]): void {
    this.tilesets.sync(layers);
    this.updateReadiness();
  }

  /** Marks the selected element by GlobalId (`null`: clear). */
  setSelectedGlobalId(globalId: string | null): void {
    this.tilesets.setSelectedGlobalId(globalId);
  }

  /** Moves the camera to `camera` at once. */
  setCamera(camera: CameraState): void {
    applyCameraState(this.Cesium, this.widget.scene.camera, camera);
    this.widget.scene.requestRender();
  }

  /** The current camera pose. */
  getCamera(): CameraState {
    return readCameraState(this.Cesium, this.widget.scene.camera);
  }

  /** Flies the camera to a pose. */
  flyToCamera(camera: CameraState, durationS = FLY_DURATION_S): void {
    flyToCameraState(this.Cesium, this.widget.scene.camera, camera, durationS);
  }

  /** Flies to a point target. */
  flyToPoint(target: FlyToPoint, durationS = FLY_DURATION_S): void {
    flyToPoint(this.Cesium, this.widget.scene.camera, target, durationS);
  }

  /**
   * Flies to a tileset layer's bounding sphere, or to `fallback` while the tileset is not loaded.
   *
   * @returns `true` when the tileset's own bounds were used
   */
  flyToTileset(tilesetId: string, fallback: FlyToPoint | null, durationS = FLY_DURATION_S): boolean {
    const sphere = this.tilesets.boundingSphereOf(tilesetId);
    if (sphere) {
      flyToSphere(this.Cesium, this.widget.scene.camera, sphere, Math.max(sphere.radius * TILESET_RANGE_PER_RADIUS, MIN_TILESET_RANGE_M), durationS);
      return true;
    }
    if (fallback) this.flyToPoint(fallback, durationS);
    return false;
  }

  /**
   * Picks the model element at a canvas position (CSS pixels from the canvas's top-left corner).
   *
   * @returns the element, or `null` over the globe / outlines / empty space
   */
  pickAt(x: number, y: number): ElementSelection | null {
    return this.pickElement(x, y)?.element ?? null;
  }

  /** Picks the element at a canvas position with its label from the tile metadata, or `null`. */
  private pickElement(x: number, y: number): { element: ElementSelection; label: ElementLabel } | null {
    const picked: unknown = this.widget.scene.pick(new this.Cesium.Cartesian2(x, y));
    if (!(picked instanceof this.Cesium.Cesium3DTileFeature)) return null;
    const tilesetId = this.tilesets.idOf(picked.tileset);
    const globalId = featureGlobalId(picked);
    if (tilesetId === null || globalId === null) return null;
    const text = (name: string): string | null => {
      const value: unknown = picked.getProperty(name);
      return typeof value === 'string' && value.length > 0 ? value : null;
    };
    return { element: { tilesetId, globalId }, label: { ifcClass: text('ifcClass'), name: text('name') } };
  }

  /** Whether the globe and every visible tileset have loaded what the current view needs. */
  get ready(): boolean {
    return this.isReady;
  }

  /** Ids of the tileset layers that loaded, and their indexed element counts. */
  tilesetStatus(): { loadedIds: string[]; indexedElementCounts: Record<string, number> } {
    return { loadedIds: this.tilesets.loadedIds, indexedElementCounts: this.tilesets.indexedElementCounts() };
  }

  /** Destroys every primitive, the handler and the widget. Safe to call twice. */
  destroy(): void {
    if (this.widget.isDestroyed()) return;
    if (this.hoverTimer !== null) clearTimeout(this.hoverTimer);
    for (const remove of this.removeListeners) remove();
    this.handler.destroy();
    this.tilesets.destroy();
    for (const entry of this.outlines.values()) entry.layer.destroy();
    this.outlines.clear();
    this.widget.destroy();
  }

  private select(position: { x: number; y: number }): void {
    const element = this.pickAt(position.x, position.y);
    this.events.emit('element-select', { element });
  }

  private queueHover(position: { x: number; y: number }): void {
    this.pendingHover = { x: position.x, y: position.y };
    if (this.hoverTimer !== null) return;
    const waitMs = Math.max(0, this.lastHoverPickMs + HOVER_PICK_INTERVAL_MS - Date.now());
    this.hoverTimer = setTimeout(() => {
      this.hoverTimer = null;
      if (!this.pendingHover || this.widget.isDestroyed()) return;
      const { x, y } = this.pendingHover;
      this.pendingHover = null;
      this.lastHoverPickMs = Date.now();
      const picked = this.pickElement(x, y);
      const element = picked?.element ?? null;
      const isSameElement = isSameSelection(element, this.hovered);
      this.hovered = element;
      if (!isSameElement) {
        this.tilesets.setHovered(element);
        this.widget.canvas.style.cursor = element ? 'pointer' : '';
      }
      // Emitted on every hover pick while over an element, so a tooltip can follow the mouse.
      if (!isSameElement || element) {
        this.events.emit('element-hover', { element, label: picked?.label ?? null, canvasX: x, canvasY: y });
      }
    }, waitMs);
  }

  private updateReadiness(): void {
    if (this.widget.isDestroyed()) return;
    const isReady = this.widget.scene.globe.tilesLoaded && this.tilesets.isSettled;
    if (isReady === this.isReady) return;
    this.isReady = isReady;
    this.events.emit('ready-change', { isReady });
  }
}
