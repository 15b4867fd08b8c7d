import {
  AmbientLight, Box3, Color, DirectionalLight, HemisphereLight, Material, Matrix4, Mesh, PerspectiveCamera, Plane,
  Scene, Vector3, WebGLRenderer, type Object3D,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { TilesRenderer } from '3d-tiles-renderer/three';
import { GLTFExtensionsPlugin } from '3d-tiles-renderer/three/plugins';
import { ElementStateTable, type ElementRecord } from './element-state-table';
import { patchElementMaterial } from './element-material';
import { indexTileFeatures } from './tile-features';
import { computeElementBox } from './element-bounds';
import { pickElement, pickElementAlongRay } from './element-picker';
import { attachPointerInput } from './pointer-input';
import { buildEcefToView, computeFitView } from './view-frame';
import type { InspectPlugin, InspectPluginContext } from './inspect-plugin';

/**
 * Which elements are shown: by IFC class (`isolatedClass` wins over `hiddenClasses` when set), and, when
 * `isolatedGlobalIds` is set (an isolated storey), only those elements among them.
 */
export interface ClassFilter {
  hiddenClasses: ReadonlySet<string>;
  isolatedClass: string | null;
  /** GlobalIds of the only elements that may show (e.g. one storey's), or `null`/absent for all. */
  isolatedGlobalIds?: ReadonlySet<string> | null;
}

/** Callbacks (typed events) the engine emits. */
export interface InspectEngineEvents {
  /** Pointer moved onto another element (null = none). */
  onHover?: (element: ElementRecord | null) => void;
  /** A click picked an element (null = clicked empty space). */
  onPick?: (element: ElementRecord | null) => void;
  /** New elements were registered from freshly loaded tiles. */
  onElementsChange?: (elements: readonly ElementRecord[]) => void;
  /** The first view is framed and all of its tiles are loaded. */
  onReady?: () => void;
  /** A tile or the tileset failed to load. */
  onError?: (error: Error) => void;
}

/** Counts for assertions and the class panel. */
export interface InspectEngineSnapshot {
  isReady: boolean;
  elementCount: number;
  hiddenElementCount: number;
  elementCountByClass: Record<string, number>;
  hiddenElementCountByClass: Record<string, number>;
  selectedGlobalId: string | null;
  hoveredGlobalId: string | null;
  loadedTileCount: number;
  /** Clipping planes in effect (section tools). */
  clippingPlaneCount: number;
}

/** The three.js BIM inspection engine: renderer, camera, controls, lights and one tileset. */
export interface InspectEngine {
  readonly context: InspectPluginContext;
  /** Highlights `globalId` as selected (null clears); does not emit `onPick`. */
  setSelected(globalId: string | null): void;
  setClassFilter(filter: ClassFilter): void;
  /** Re-frames the whole model. */
  fitToModel(): void;
  /**
   * Frames one element (all its loaded parts) keeping the current viewing direction.
   * @returns false when no loaded tile holds the element.
   */
  zoomToElement(globalId: string): boolean;
  /** Element under a CSS-pixel position relative to the canvas, skipping hidden and clipped parts. */
  pickAt(xPx: number, yPx: number): ElementRecord | null;
  snapshot(): InspectEngineSnapshot;
  attachPlugin(plugin: InspectPlugin): void;
  detachPlugin(plugin: InspectPlugin): void;
  /** Stops rendering and frees GPU resources, listeners and the canvas. */
  dispose(): void;
}

/** Options for {@link createInspectEngine}. */
export interface InspectEngineOptions extends InspectEngineEvents {
  /** URL of tileset.json (3D Tiles 1.1, root `transform` = ENU→ECEF). */
  tilesetUrl: string;
  /** Vertical field of view, degrees (default 45). */
  fovDeg?: number;
}

/**
 * Creates the inspection engine inside `container` (which must have a size): a WebGL canvas, an
 * orbiting perspective camera, lights, and a `TilesRenderer` showing the tileset in its local ENU frame
 * (Y-up view frame, see `buildEcefToView`). Rendering is on demand.
 *
 * @throws {Error} from three.js when WebGL2 is unavailable.
 * @see https://github.com/NASA-AMMOS/3DTilesRendererJS (0.5.3 API: TilesRenderer, GLTFExtensionsPlugin)
 */
export function createInspectEngine(container: HTMLElement, options: InspectEngineOptions): InspectEngine {
  const renderer = new WebGLRenderer({ antialias: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  renderer.localClippingEnabled = true;
  renderer.domElement.style.display = 'block';
  renderer.domElement.style.touchAction = 'none';
  container.appendChild(renderer.domElement);

  const scene = new Scene();
  scene.background = new Color(0x16263a);
  const camera = new PerspectiveCamera(options.fovDeg ?? 45, 1, 0.1, 5000);
  camera.position.set(30, 25, 30);
  scene.add(camera);
  scene.add(new HemisphereLight(0xffffff, 0x8a8f99, 1.6));
  scene.add(new AmbientLight(0xffffff, 0.35));
  const headLight = new DirectionalLight(0xffffff, 1.4);
  headLight.position.set(0.4, 1, 0.3);
  camera.add(headLight);
  const sunLight = new DirectionalLight(0xfff4e0, 1.0);
  sunLight.position.set(-40, 80, 30);
  scene.add(sunLight);

  const controls = new OrbitControls(camera, renderer.domElement);
  controls.screenSpacePanning = true;
  controls.update();

  const table = new ElementStateTable();
  const clippingPlanes: Plane[] = [];
  const tiles = new TilesRenderer(options.tilesetUrl);
  tiles.registerPlugin(new GLTFExtensionsPlugin({ meshoptDecoder: MeshoptDecoder, metadata: true, rtc: true, autoDispose: false }));
  tiles.setCamera(camera);
  tiles.group.matrixAutoUpdate = false;
  scene.add(tiles.group);

  let isDirty = true;
  let isDisposed = false;
  let isFitted = false;
  let isRootFitted = false;
  let isReady = false;
  let framesSinceFit = 0;
  let modelBox: Box3 | null = null;
  let loadedTileCount = 0;
  let filter: ClassFilter = { hiddenClasses: new Set(), isolatedClass: null };
  /** Kept as a globalId so an element selected before its tile loads lights up when it arrives. */
  let selectedGlobalId: string | null = null;
  let hovered: ElementRecord | null = null;
  const plugins = new Set<InspectPlugin>();

  const requestRender = () => { isDirty = true; };
  const isShown = (record: ElementRecord) =>
    (!filter.isolatedGlobalIds || filter.isolatedGlobalIds.has(record.globalId)) &&
    (filter.isolatedClass !== null ? record.ifcClass === filter.isolatedClass : !filter.hiddenClasses.has(record.ifcClass));
  const writeState = (record: ElementRecord) => {
    const highlight = record.globalId === selectedGlobalId ? 'selected' : record === hovered ? 'hover' : 'none';
    table.set(record.index, isShown(record), highlight);
  };
  /** Rewrites every element's texel (filter change, new tiles). */
  const writeStates = () => {
    for (const record of table.list()) writeState(record);
    table.commit();
    requestRender();
  };
  /** Rewrites only the given elements' texels (hover and selection changes). */
  const writeSome = (records: readonly (ElementRecord | null | undefined)[]) => {
    for (const record of records) if (record) writeState(record);
    table.commit();
    requestRender();
  };
  const setSelectedGlobalId = (globalId: string | null) => {
    const previous = selectedGlobalId === null ? undefined : table.get(selectedGlobalId);
    selectedGlobalId = globalId;
    writeSome([previous, globalId === null ? undefined : table.get(globalId)]);
  };
  const setHovered = (record: ElementRecord | null) => {
    const previous = hovered;
    hovered = record;
    writeSome([previous, record]);
  };
  const computeModelBox = (): Box3 | null => {
    tiles.group.updateMatrixWorld(true);
    const box = new Box3().setFromObject(tiles.group);
    return box.isEmpty() ? null : box;
  };
  /** Root bounding volume (tileset.json) in the view frame: known before any content loads. */
  const computeRootBox = (): Box3 | null => {
    const obbBox = new Box3();
    const obbToGroup = new Matrix4();
    if (!tiles.getOrientedBoundingBox(obbBox, obbToGroup)) return null;
    tiles.group.updateMatrixWorld(true);
    return obbBox.applyMatrix4(obbToGroup.premultiply(tiles.group.matrixWorld));
  };
  const fitToBox = (box: Box3, fromDirectionView?: Vector3) => {
    const fit = computeFitView(box, camera.fov, camera.aspect, fromDirectionView);
    camera.position.copy(fit.positionView);
    camera.near = fit.nearM;
    camera.far = fit.farM;
    camera.updateProjectionMatrix();
    controls.target.copy(fit.targetView);
    controls.update();
    requestRender();
  };
  const fitToModel = () => {
    modelBox = computeModelBox() ?? modelBox;
    const box = modelBox ?? computeRootBox();
    if (box) fitToBox(box);
  };

  const onLoadRootTileset = () => {
    buildEcefToView(tiles.root?.transform, tiles.group.matrix);
    tiles.group.updateMatrixWorld(true);
    requestRender();
  };
  const onLoadModel = ({ scene: tileScene }: { scene: Object3D }) => {
    tileScene.traverse((object) => {
      if (!(object instanceof Mesh)) return;
      const materials: Material[] = Array.isArray(object.material) ? object.material : [object.material];
      for (const material of materials) patchElementMaterial(material, table, clippingPlanes);
    });
    const before = table.size;
    indexTileFeatures(tileScene, table);
    loadedTileCount++;
    writeStates();
    if (table.size !== before) options.onElementsChange?.(table.list());
  };
  const onDisposeModel = () => { loadedTileCount = Math.max(0, loadedTileCount - 1); };
  const onLoadError = ({ error }: { error: Error }) => options.onError?.(error);
  const onTilesLoadEnd = () => {
    if (!isFitted && loadedTileCount > 0) {
      isFitted = true;
      fitToModel();
    }
    modelBox = computeModelBox() ?? modelBox;
    requestRender();
  };
  tiles.addEventListener('load-root-tileset', onLoadRootTileset);
  tiles.addEventListener('load-model', onLoadModel);
  tiles.addEventListener('dispose-model', onDisposeModel);
  tiles.addEventListener('load-error', onLoadError);
  tiles.addEventListener('tiles-load-end', onTilesLoadEnd);
  tiles.addEventListener('needs-update', requestRender);
  controls.addEventListener('change', requestRender);

  const resize = () => {
    const widthPx = Math.max(container.clientWidth, 1);
    const heightPx = Math.max(container.clientHeight, 1);
    renderer.setSize(widthPx, heightPx);
    camera.aspect = widthPx / heightPx;
    camera.updateProjectionMatrix();
    tiles.setResolutionFromRenderer(camera, renderer);
    requestRender();
  };
  const resizeObserver = new ResizeObserver(resize);
  resizeObserver.observe(container);
  resize();

  const canvas = renderer.domElement;
  const pickScene = { camera, target: tiles.group, table, clippingPlanes };
  const pickAt = (xPx: number, yPx: number): ElementRecord | null => {
    const rect = canvas.getBoundingClientRect();
    return pickElement(pickScene, xPx, yPx, rect.width, rect.height);
  };
  let pendingHover: { xPx: number; yPx: number } | null = null;
  const detachPointerInput = attachPointerInput(canvas, {
    onHover: (xPx, yPx) => { pendingHover = { xPx, yPx }; },
    onLeave: () => {
      pendingHover = null;
      if (!hovered) return;
      setHovered(null);
      options.onHover?.(null);
    },
    onClick: (xPx, yPx) => {
      const record = pickAt(xPx, yPx);
      setSelectedGlobalId(record?.globalId ?? null);
      options.onPick?.(record);
    },
  });

  let frameId = 0;
  const frame = () => {
    if (isDisposed) return;
    frameId = requestAnimationFrame(frame);
    if (!isRootFitted && tiles.root) {
      // Aim at the root bounding volume first so that its content is in view and starts loading.
      const rootBox = computeRootBox();
      if (rootBox) {
        isRootFitted = true;
        fitToBox(rootBox);
      }
    }
    if (pendingHover) {
      const record = pickAt(pendingHover.xPx, pendingHover.yPx);
      pendingHover = null;
      if (record !== hovered) {
        setHovered(record);
        options.onHover?.(record);
      }
    }
    if (isFitted && !isReady) {
      framesSinceFit++;
      if (framesSinceFit > 2 && tiles.loadProgress === 1) {
        isReady = true;
        options.onReady?.();
      }
      isDirty = true;
    }
    if (!isDirty) return;
    isDirty = false;
    camera.updateMatrixWorld();
    tiles.update();
    renderer.render(scene, camera);
  };
  frameId = requestAnimationFrame(frame);

  const context: InspectPluginContext = {
    scene, camera, renderer, clippingPlanes, requestRender,
    getModelBox: () => modelBox,
  };

  return {
    context,
    setSelected(globalId) {
      if (globalId !== selectedGlobalId) setSelectedGlobalId(globalId);
    },
    setClassFilter(next) {
      filter = next;
      writeStates();
    },
    fitToModel,
    zoomToElement(globalId) {
      const record = table.get(globalId);
      const box = record ? computeElementBox(tiles.group, record.index) : null;
      if (!record || !box) return false;
      // Keep some surroundings in view: at least 3 m across.
      box.expandByScalar(Math.max(0, (3 - box.getSize(new Vector3()).length()) / 2));
      const centre = box.getCenter(new Vector3());
      // Prefer the current direction, else the first of 8 azimuths (35° up) with a clear line of sight.
      const candidates = [camera.position.clone().sub(controls.target)];
      for (let i = 0; i < 8; i++) {
        const azimuthRad = (i * Math.PI) / 4;
        candidates.push(new Vector3(Math.cos(azimuthRad) * 0.82, 0.57, Math.sin(azimuthRad) * 0.82));
      }
      const isVisibleFrom = (direction: Vector3) => {
        const fit = computeFitView(box, camera.fov, camera.aspect, direction);
        return pickElementAlongRay(pickScene, fit.positionView, centre.clone().sub(fit.positionView)) === record;
      };
      fitToBox(box, candidates.find(isVisibleFrom) ?? candidates[0]);
      // Keep the far plane for the whole model.
      if (modelBox) camera.far = Math.max(camera.far, computeFitView(modelBox, camera.fov, camera.aspect).farM);
      camera.updateProjectionMatrix();
      return true;
    },
    pickAt,
    snapshot() {
      const elementCountByClass: Record<string, number> = {};
      const hiddenElementCountByClass: Record<string, number> = {};
      let hiddenElementCount = 0;
      for (const record of table.list()) {
        elementCountByClass[record.ifcClass] = (elementCountByClass[record.ifcClass] ?? 0) + 1;
        if (!isShown(record)) {
          hiddenElementCount++;
          hiddenElementCountByClass[record.ifcClass] = (hiddenElementCountByClass[record.ifcClass] ?? 0) + 1;
        }
      }
      return {
        isReady, elementCount: table.size, hiddenElementCount, elementCountByClass, hiddenElementCountByClass,
        selectedGlobalId, hoveredGlobalId: hovered?.globalId ?? null, loadedTileCount,
        clippingPlaneCount: clippingPlanes.length,
      };
    },
    attachPlugin(plugin) {
      if (plugins.has(plugin)) return;
      plugins.add(plugin);
      plugin.attach(context);
      requestRender();
    },
    detachPlugin(plugin) {
      if (!plugins.delete(plugin)) return;
      plugin.detach();
      requestRender();
    },
    dispose() {
      if (isDisposed) return;
      isDisposed = true;
      cancelAnimationFrame(frameId);
      for (const plugin of plugins) plugin.detach();
      plugins.clear();
      resizeObserver.disconnect();
      detachPointerInput();
      controls.removeEventListener('change', requestRender);
      controls.dispose();
      tiles.removeEventListener('load-root-tileset', onLoadRootTileset);
      tiles.removeEventListener('load-model', onLoadModel);
      tiles.removeEventListener('dispose-model', onDisposeModel);
      tiles.removeEventListener('load-error', onLoadError);
      tiles.removeEventListener('tiles-load-end', onTilesLoadEnd);
      tiles.removeEventListener('needs-update', requestRender);
      tiles.dispose();
      table.dispose();
      renderer.dispose();
      renderer.forceContextLoss();
      canvas.remove();
    },
  };
}
