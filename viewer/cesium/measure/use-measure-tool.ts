/**
 * The React hook that creates a {@link MeasureController} on the scene of a {@link MeasureSceneLink} and destroys it
 * on unmount or when the scene goes (one controller per scene). Returns the snapshot to render and the actions.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { MeasureLabelText } from '@viewer/core/measure-figure';
import type { MeasureTool } from '@viewer/core/measure-session';
import { IDLE_MEASURE_SNAPSHOT, MeasureController, type MeasureSnapshot } from './measure-controller';
import type { MeasureSceneLink } from './measure-scene-link';
import { installMeasureTestHook } from './measure-test-hook';

/** What {@link useMeasureTool} returns. */
export interface MeasureToolState {
  snapshot: MeasureSnapshot;
  /** Whether a scene is there to measure in. */
  isAvailable: boolean;
  setTool(tool: MeasureTool | null): void;
  undo(): void;
  finish(): void;
  clear(): void;
}

const noScene = () => null;

/**
 * Measuring on the linked scene.
 * @param labelText map label texts in the UI language (pass a memoised value: a new one redraws the labels)
 */
export function useMeasureTool(link: MeasureSceneLink, labelText: MeasureLabelText): MeasureToolState {
  const bound = useSyncExternalStore(link.subscribe, link.current, noScene);
  const [snapshot, setSnapshot] = useState<MeasureSnapshot>(IDLE_MEASURE_SNAPSHOT);
  const controllerRef = useRef<MeasureController | null>(null);
  const labelTextRef = useRef(labelText);

  useEffect(() => {
    if (!bound) return undefined;
    const controller = new MeasureController(bound.Cesium, bound.scene, labelTextRef.current, setSnapshot);
    controllerRef.current = controller;
    const uninstall = installMeasureTestHook(bound.Cesium, bound.scene, () => controller.snapshot());
    return () => {
      uninstall();
      controller.destroy();
      if (controllerRef.current === controller) controllerRef.current = null;
      setSnapshot(IDLE_MEASURE_SNAPSHOT);
    };
  }, [bound]);

  useEffect(() => {
    if (labelTextRef.current === labelText) return;
    labelTextRef.current = labelText;
    controllerRef.current?.setLabelText(labelText);
  }, [labelText]);

  const setTool = useCallback((tool: MeasureTool | null) => controllerRef.current?.setTool(tool), []);
  const undo = useCallback(() => controllerRef.current?.undo(), []);
  const finish = useCallback(() => controllerRef.current?.finish(), []);
  const clear = useCallback(() => controllerRef.current?.clear(), []);
  return { snapshot, isAvailable: bound !== null, setTool, undo, finish, clear };
}
