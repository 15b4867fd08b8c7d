/**
 * Typed events of the city twin viewer. Event names are kebab-case and each carries one payload object.
 * The Cesium adapter emits them; React components forward them to the app's callbacks.
 */
import type { CameraState } from './camera-url';
import type { FeatureLabel, FeatureSelection } from './selection';

/** Every event the twin viewer emits, by name, with its payload. */
export interface TwinEventMap {
  /**
   * The mouse moved onto another feature (or off every feature: `selection: null`). `label` is what the layer's
   * plugin tells about it; `canvasX`/`canvasY` the mouse position, CSS px from the canvas's top-left corner.
   */
  'feature-hover': { selection: FeatureSelection | null; label: FeatureLabel | null; canvasX: number; canvasY: number };
  /** A click selected a feature (or empty space: `selection: null`). */
  'feature-select': { selection: FeatureSelection | null };
  /** The camera stopped moving (CesiumJS `camera.moveEnd`). */
  'camera-change': { camera: CameraState };
  /** A layer finished loading (`message: null`) or failed (`message` names the URL and the reason). */
  'layer-load': { layerId: string; message: string | null };
  /** Globe tiles and every shown layer finished loading for the current view (or started loading again). */
  'ready-change': { isReady: boolean };
}

/** A listener for event `K` of map `M`. */
export type EventListener<M, K extends keyof M> = (payload: M[K]) => void;

/** A minimal synchronous typed event emitter. */
export interface EventEmitter<M> {
  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof M>(name: K, listener: EventListener<M, K>): () => void;
  /** Calls every listener of `name` in the order they were added. */
  emit<K extends keyof M>(name: K, payload: M[K]): void;
  /** Removes every listener. */
  clear(): void;
}

/**
 * Creates an event emitter over event map `M` (e.g. {@link TwinEventMap}).
 *
 * @returns a new emitter with no listeners
 */
export function createEventEmitter<M>(): EventEmitter<M> {
  const listeners = new Map<keyof M, Set<(payload: never) => void>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(name, payload) {
      for (const listener of [...(listeners.get(name) ?? [])]) (listener as EventListener<M, typeof name>)(payload);
    },
    clear() {
      listeners.clear();
    },
  };
}
