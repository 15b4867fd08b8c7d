/**
 * The measuring tools on one CesiumJS scene: listens to clicks on the canvas while a tool is active, picks 3D
 * positions (pick-measure-position.ts), keeps the measurement (core/measure-session.ts), draws it
 * (measure-drawing.ts) and reports a {@link MeasureSnapshot} after every change.
 *
 * Input: a click or tap adds a point; a double click finishes (its two clicks land on one pixel: the second adds
 * nothing). Keys and buttons call {@link MeasureController.undo} / `finish` / `clear` (the UI owns them). The
 * twin's own click-to-select keeps running: the app ignores selections while {@link MeasureSnapshot.tool} is set.
 */
import type { ScreenSpaceEventHandler, Scene } from '@cesium/engine';
import { buildMeasureFigure, type MeasureLabelText } from '@viewer/core/measure-figure';
import {
  addPoint,
  canFinish,
  finishSession,
  measureSession,
  startSession,
  undoPoint,
  type MeasureResult,
  type MeasureSession,
  type MeasureTool,
} from '@viewer/core/measure-session';
import type { CesiumModule } from '../load-cesium';
import { MeasureDrawing } from './measure-drawing';
import { pickMeasurePosition, type MeasurePickSource } from './pick-measure-position';

/** Two clicks this close (CSS px) and this soon (ms) are one double click: the second adds no point. */
export const DOUBLE_CLICK_PX = 4;
export const DOUBLE_CLICK_MS = 600;

/** What the UI shows of the measuring state. */
export interface MeasureSnapshot {
  /** The active tool, or `null` (clicks select as usual). */
  tool: MeasureTool | null;
  session: MeasureSession | null;
  result: MeasureResult | null;
  /** What the last added point lies on, or `null` before any. */
  lastSource: MeasurePickSource | null;
  canUndo: boolean;
  canFinish: boolean;
}

/** The snapshot with no tool active. */
export const IDLE_MEASURE_SNAPSHOT: MeasureSnapshot = { tool: null, session: null, result: null, lastSource: null, canUndo: false, canFinish: false };

/** Measuring on one scene (see module doc). Create with the scene, {@link destroy} before or with it. */
export class MeasureController {
  private readonly drawing: MeasureDrawing;
  private readonly handler: ScreenSpaceEventHandler;
  private session: MeasureSession | null = null;
  private lastSource: MeasurePickSource | null = null;
  private lastClick: { x: number; y: number; timeMs: number } | null = null;

  /**
   * @param labelText texts of the map labels (UI language; replace with {@link setLabelText})
   * @param onChange called with the new snapshot after every change
   */
  constructor(
    private readonly Cesium: CesiumModule,
    private readonly scene: Scene,
    private labelText: MeasureLabelText,
    private readonly onChange: (snapshot: MeasureSnapshot) => void,
  ) {
    this.drawing = new MeasureDrawing(Cesium, scene);
    this.handler = new Cesium.ScreenSpaceEventHandler(scene.canvas);
    this.handler.setInputAction(
      (event: { position: { x: number; y: number } }) => this.onClick(event.position.x, event.position.y),
      Cesium.ScreenSpaceEventType.LEFT_CLICK,
    );
    this.handler.setInputAction(() => this.finish(), Cesium.ScreenSpaceEventType.LEFT_DOUBLE_CLICK);
  }

  /** The current snapshot. */
  snapshot(): MeasureSnapshot {
    const session = this.session;
    if (!session) return IDLE_MEASURE_SNAPSHOT;
    return {
      tool: session.tool,
      session,
      result: measureSession(session),
      lastSource: session.pointsEcef.length > 0 ? this.lastSource : null,
      canUndo: session.pointsEcef.length > 0,
      canFinish: canFinish(session),
    };
  }

  /** Activates `tool` with an empty measurement (`null`: stop measuring and remove the drawing). */
  setTool(tool: MeasureTool | null): void {
    this.session = tool ? startSession(tool) : null;
    this.lastSource = null;
    this.lastClick = null;
    this.scene.canvas.dataset.measuring = tool ? 'true' : 'false';
    this.changed();
  }

  /**
   * Adds the 3D point under canvas position (`xPx`, `yPx`) (CSS px from the canvas's top-left corner).
   * @returns whether a point was added (a tool is active and the cursor is not over the sky)
   */
  addPointAt(xPx: number, yPx: number): boolean {
    if (!this.session || this.scene.isDestroyed()) return false;
    const pick = pickMeasurePosition(this.Cesium, this.scene, xPx, yPx, (picked) => this.drawing.isOwn(picked));
    if (!pick) return false;
    const { x, y, z } = pick.positionEcef;
    this.session = addPoint(this.session, [x, y, z]);
    this.lastSource = pick.source;
    this.changed();
    return true;
  }

  /** Removes the last point. */
  undo(): void {
    if (!this.session) return;
    this.session = undoPoint(this.session);
    this.changed();
  }

  /** Finishes the measurement when it has enough points. */
  finish(): void {
    if (!this.session || !canFinish(this.session)) return;
    this.session = finishSession(this.session);
    this.changed();
  }

  /** Removes every point; the tool stays active. */
  clear(): void {
    if (!this.session) return;
    this.session = startSession(this.session.tool);
    this.lastSource = null;
    this.changed();
  }

  /** Redraws the labels in another language. */
  setLabelText(labelText: MeasureLabelText): void {
    this.labelText = labelText;
    this.changed();
  }

  /** Stops listening and removes the drawing (safe after the scene was destroyed). */
  destroy(): void {
    if (!this.handler.isDestroyed()) this.handler.destroy();
    this.drawing.destroy();
    if (!this.scene.isDestroyed()) delete this.scene.canvas.dataset.measuring;
  }

  private onClick(x: number, y: number): void {
    if (!this.session) return;
    const nowMs = Date.now();
    const last = this.lastClick;
    this.lastClick = { x, y, timeMs: nowMs };
    // The second click of a double click: the double click itself finishes.
    if (last && nowMs - last.timeMs <= DOUBLE_CLICK_MS && Math.hypot(x - last.x, y - last.y) <= DOUBLE_CLICK_PX) return;
    this.addPointAt(x, y);
  }

  private changed(): void {
    const snapshot = this.snapshot();
    const figure = snapshot.session && snapshot.result ? buildMeasureFigure(snapshot.session, snapshot.result, this.labelText) : null;
    this.drawing.show(figure);
    this.onChange(snapshot);
  }
}
