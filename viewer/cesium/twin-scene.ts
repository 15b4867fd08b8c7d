/**
 * The city twin's CesiumJS scene: an offline globe (NaturalEarthII imagery shipped with CesiumJS, ellipsoid
 * terrain, no ion, no geocoder, no online imagery) hosting layers of every kind through the layer-kind plugins it
 * is given (layer-kind-plugin.ts; it imports none itself), one selection `{plate, layerId, featureId}` from any
 * pick, camera events and a readiness signal. Created and destroyed only by {@link useCesiumViewer}.
 *
 * Notes: `CesiumWidget` is used instead of `Viewer`: the twin needs none of Viewer's widgets (geocoder,
 * base-layer picker, timeline…), so nothing can reach out to online services. `requestRenderMode` keeps the
 * CPU idle between camera moves, which matters with software WebGL (SwiftShader renders ≈ 1.7 fps at 1280×800).
 *
 * @see https://cesium.com/learn/cesiumjs/ref-doc/CesiumWidget.html
 */
import type { CesiumWidget, ScreenSpaceEventHandler } from '@cesium/engine';
import { invariant } from '@kernel/errors';
import type { LayerKind } from '@kernel/layer-kinds';
import { JIANGXI_OVERVIEW_CAMERA, type CameraState } from '@viewer/core/camera-url';
import { LayerSet, type SceneLayer } from '@viewer/core/scene-layer';
import { isSafeFeatureId, isSameFeature, type FeatureLabel, type FeatureSelection } from '@viewer/core/selection';
import type { EventEmitter, TwinEventMap } from '@viewer/core/twin-events';
import {
  applyCameraState,
  flyToCameraState,
  flyToPoint,
  flyToSphere,
  FLY_DURATION_S,
  readCameraState,
  type FlyToPoint,
} from './camera-pose';
import type { LayerKindBinding, LayerKindPlugin } from './layer-kind-plugin';
import type { CesiumModule } from './load-cesium';

/** Minimum time between two hover picks, milliseconds (a pick re-renders the scene; slow in software WebGL). */
export const HOVER_PICK_INTERVAL_MS = 120;

/**
 * Below this camera height (m, ellipsoidal) primitives are depth-tested against the globe, so roads and
 * boundaries hide behind models instead of drawing over them; above it they draw over the globe (a 1 m lift
 * cannot win the depth test from hundreds of kilometres away). CesiumJS runs the 3D Tiles pass before the
 * globe-depth clear, so with the test off, polylines were drawn across building façades.
 */
export const DEPTH_TEST_MAX_HEIGHT_M = 30_000;

/** Fly-to distance for a layer, in bounding-sphere radii (leaves room for the side panels). */
export const TILESET_RANGE_PER_RADIUS = 4;

/** Closest fly-to distance for a layer, metres (a single small element still gets some context). */
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
  private readonly bindings = new Map<LayerKind, LayerKindBinding<unknown>>();
  private readonly layers: LayerSet<unknown>;
  private readonly handler: ScreenSpaceEventHandler;
  private readonly removeListeners: (() => void)[] = [];
  private readonly loadedLayerIds = new Set<string>();
  private hovered: FeatureSelection | null = null;
  private selection: FeatureSelection | null = null;
  private lastHoverPickMs = 0;
  private pendingHover: { x: number; y: number } | null = null;
  private hoverTimer: ReturnType<typeof setTimeout> | null = null;
  private isReady = false;

  /**
   * Creates the widget inside `container` and starts at `initialCamera` (default: the Jiangxi overview).
   * @param layerKinds the layer-kind plugins this scene draws with (one per kind)
   * @throws {InvariantError} when two plugins draw the same kind
   */
  constructor(
    private readonly Cesium: CesiumModule,
    container: HTMLElement,
    private readonly events: EventEmitter<TwinEventMap>,
    initialCamera: CameraState | null,
    layerKinds: readonly LayerKindPlugin[],
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

    const context = {
      Cesium,
      scene,
      requestRender: () => {
        if (!scene.isDestroyed()) scene.requestRender();
      },
      reportLoad: (layerId: string, message: string | null) => {
        if (message === null) this.loadedLayerIds.add(layerId);
        this.events.emit('layer-load', { layerId, message });
        this.updateReadiness();
      },
    };
    for (const plugin of layerKinds) {
      // Two plates drawing one kind differently would silently draw each other's layers: refuse.
      invariant(!this.bindings.has(plugin.kind), `twin-scene: two layer-kind plugins for kind ${plugin.kind}`);
      this.bindings.set(plugin.kind, plugin.bind(context) as LayerKindBinding<unknown>);
    }
    this.layers = new LayerSet<unknown>((kind) => this.bindings.get(kind) ?? null);

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

  /**
   * Makes the drawn layers match `layers` (attach / update / detach through each kind's plugin). Layers of a kind
   * without a plugin are not drawn ({@link unsupportedLayerIds}).
   */
  syncLayers(layers: readonly SceneLayer[]): void {
    const { attached, detached } = this.layers.sync(layers);
    for (const id of detached) this.loadedLayerIds.delete(id);
    for (const id of attached) {
      const entry = this.layers.get(id);
      if (entry) this.markLayer(entry.layer, entry.handle);
    }
    this.widget.scene.requestRender();
    this.updateReadiness();
  }

  /** Ids of the last synced layers whose kind has no plugin in this scene. */
  get unsupportedLayerIds(): readonly string[] {
    return this.layers.unsupportedIds;
  }

  /** Marks the selected feature in the layer that holds it (`null`: clear). */
  setSelection(selection: FeatureSelection | null): void {
    this.selection = selection;
    for (const entry of this.layers.entries()) this.markLayer(entry.layer, entry.handle);
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
   * Flies to a layer's bounds (when its plugin knows them, e.g. a loaded tileset), or to `fallback` meanwhile.
   *
   * @returns `true` when the layer's own bounds were used
   */
  flyToLayer(layerId: string, fallback: FlyToPoint | null, durationS = FLY_DURATION_S): boolean {
    const entry = this.layers.get(layerId);
    const sphere = entry ? (this.bindings.get(entry.layer.kind)?.boundingSphere?.(entry.handle) ?? null) : null;
    if (sphere) {
      flyToSphere(this.Cesium, this.widget.scene.camera, sphere, Math.max(sphere.radius * TILESET_RANGE_PER_RADIUS, MIN_TILESET_RANGE_M), durationS);
      return true;
    }
    if (fallback) this.flyToPoint(fallback, durationS);
    return false;
  }

  /**
   * Picks the feature at a canvas position (CSS pixels from the canvas's top-left corner).
   * @param kinds only layers of these kinds count (default: every kind)
   * @returns the selection, or `null` over the globe / empty space / a layer without pickable features
   */
  pickAt(x: number, y: number, kinds?: readonly LayerKind[]): FeatureSelection | null {
    return this.pickFeature(x, y, kinds)?.selection ?? null;
  }

  /** Picks the feature at a canvas position with its tooltip label, or `null`. */
  private pickFeature(x: number, y: number, kinds?: readonly LayerKind[]): { selection: FeatureSelection; label: FeatureLabel | null } | null {
    const picked: unknown = this.widget.scene.pick(new this.Cesium.Cartesian2(x, y));
    if (picked === undefined || picked === null) return null;
    for (const { layer, handle } of this.layers.entries()) {
      if (kinds && !kinds.includes(layer.kind)) continue;
      const binding = this.bindings.get(layer.kind);
      const featureId = binding?.pick?.(handle, picked, layer) ?? null;
      // A feature whose id cannot be kept in the URL and shown safely is not selectable.
      if (featureId === null || !isSafeFeatureId(featureId)) continue;
      return {
        selection: { plate: layer.plate, layerId: layer.id, featureId },
        label: binding?.label?.(handle, picked, layer) ?? null,
      };
    }
    return null;
  }

  /** Whether the globe and every shown layer have loaded what the current view needs. */
  get ready(): boolean {
    return this.isReady;
  }

  /** Ids of the layers that reported a successful load, and each drawn layer's plugin diagnostics. */
  layerStatus(): { loadedIds: string[]; byLayer: Record<string, Record<string, number | string | boolean>> } {
    const byLayer: Record<string, Record<string, number | string | boolean>> = {};
    for (const { layer, handle } of this.layers.entries()) {
      byLayer[layer.id] = { kind: layer.kind, plate: layer.plate, ...(this.bindings.get(layer.kind)?.status?.(handle) ?? {}) };
    }
    return { loadedIds: [...this.loadedLayerIds], byLayer };
  }

  /** Destroys every primitive, the handler and the widget. Safe to call twice. */
  destroy(): void {
    if (this.widget.isDestroyed()) return;
    if (this.hoverTimer !== null) clearTimeout(this.hoverTimer);
    for (const remove of this.removeListeners) remove();
    this.handler.destroy();
    this.layers.clear();
    this.widget.destroy();
  }

  /** Applies the current hover and selection marks to one layer. */
  private markLayer(layer: SceneLayer, handle: unknown): void {
    const binding = this.bindings.get(layer.kind);
    if (!binding?.highlight) return;
    const matches = (mark: FeatureSelection | null) =>
      mark !== null && mark.plate === layer.plate && (mark.layerId === layer.id || mark.layerId === '') ? mark.featureId : null;
    binding.highlight(handle, matches(this.selection), 'selected');
    binding.highlight(handle, matches(this.hovered), 'hover');
  }

  private select(position: { x: number; y: number }): void {
    this.events.emit('feature-select', { selection: this.pickAt(position.x, position.y) });
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
      const picked = this.pickFeature(x, y);
      const selection = picked?.selection ?? null;
      const isSame = isSameFeature(selection, this.hovered);
      this.hovered = selection;
      if (!isSame) {
        for (const entry of this.layers.entries()) this.markLayer(entry.layer, entry.handle);
        this.widget.canvas.style.cursor = selection ? 'pointer' : '';
      }
      // Emitted on every hover pick while over a feature, so a tooltip can follow the mouse.
      if (!isSame || selection) {
        this.events.emit('feature-hover', { selection, label: picked?.label ?? null, canvasX: x, canvasY: y });
      }
    }, waitMs);
  }

  private updateReadiness(): void {
    if (this.widget.isDestroyed()) return;
    const isReady =
      this.widget.scene.globe.tilesLoaded &&
      this.layers.entries().every(({ layer, handle }) => this.bindings.get(layer.kind)?.isSettled?.(handle) ?? true);
    if (isReady === this.isReady) return;
    this.isReady = isReady;
    this.events.emit('ready-change', { isReady });
  }
}
