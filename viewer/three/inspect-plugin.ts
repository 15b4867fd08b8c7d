import type { Box3, PerspectiveCamera, Plane, Scene, WebGLRenderer } from 'three';

/** What an inspection plugin may use. All positions in the view frame (ENU turned Y-up), metres. */
export interface InspectPluginContext {
  readonly scene: Scene;
  readonly camera: PerspectiveCamera;
  readonly renderer: WebGLRenderer;
  /**
   * Clipping planes applied to every tile material (local clipping) and honoured by picking.
   * Plugins push/remove their own planes, then call {@link requestRender}.
   */
  readonly clippingPlanes: Plane[];
  /** Bounds of the loaded model, or null before the first tile loaded. */
  getModelBox(): Box3 | null;
  /** Asks for one more frame (rendering is on demand). */
  requestRender(): void;
}

/**
 * An optional inspection tool (section plane, measure …). The engine never imports plugins; the app
 * attaches them with `engine.attachPlugin(plugin)`.
 */
export interface InspectPlugin {
  /** Stable kebab-case name, e.g. `section-plane`. */
  readonly name: string;
  attach(ctx: InspectPluginContext): void;
  /** Removes everything `attach` added (planes, objects, listeners). */
  detach(): void;
}
