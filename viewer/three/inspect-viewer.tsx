'use client';
/**
 * The BIM inspection canvas: a three.js view of one tileset with orbit controls, hover/click picking of
 * whole IFC elements, class visibility and optional plugins (section plane …). Renders only; the app
 * passes data and reacts to the events.
 */
import { useEffect, useRef, useState } from 'react';
import type { ElementRecord } from './element-state-table';
import type { ClassFilter, InspectEngine } from './inspect-engine';
import type { InspectPlugin } from './inspect-plugin';
import { useInspectEngine } from './use-inspect-engine';

/** Props of {@link InspectViewer}. */
export interface InspectViewerProps {
  /** URL of the model's tileset.json (`/tiles/<modelId>/tileset.json`). */
  tilesetUrl: string;
  /** The selected element's IFC GlobalId, highlighted in the view. */
  selectedGlobalId: string | null;
  classFilter: ClassFilter;
  /** Plugins to attach while mounted (keep the array stable between renders). */
  plugins: readonly InspectPlugin[];
  /** A click picked an element (null = empty space). */
  onPick: (element: ElementRecord | null) => void;
  /** Loaded tiles introduced new elements. */
  onElementsChange?: (elements: readonly ElementRecord[]) => void;
  /** The first view is framed and loaded. */
  onReady?: (engine: InspectEngine) => void;
  onError?: (error: Error) => void;
  /** The engine was created (engine) or disposed (null); for tools and test hooks. */
  onEngineChange?: (engine: InspectEngine | null) => void;
  /** Accessible name of the 3D view (from the caller's messages). */
  label?: string;
  className?: string;
}

/** The inspection canvas (see module doc); exposes `data-ready="true"` once the first view is loaded. */
export function InspectViewer(props: InspectViewerProps) {
  const { tilesetUrl, selectedGlobalId, classFilter, plugins, className } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const [isReady, setIsReady] = useState(false);
  const [hovered, setHovered] = useState<ElementRecord | null>(null);
  const engine = useInspectEngine(containerRef, tilesetUrl, {
    onHover: setHovered,
    onPick: (element) => props.onPick(element),
    onElementsChange: (elements) => props.onElementsChange?.(elements),
    onReady: () => {
      setIsReady(true);
      if (engineRef.current) props.onReady?.(engineRef.current);
    },
    onError: (error) => props.onError?.(error),
  });
  const engineRef = useRef<InspectEngine | null>(null);
  const onEngineChangeRef = useRef(props.onEngineChange);
  useEffect(() => {
    onEngineChangeRef.current = props.onEngineChange;
  });

  useEffect(() => {
    engineRef.current = engine;
    setIsReady(false);
    onEngineChangeRef.current?.(engine);
  }, [engine]);

  useEffect(() => {
    engine?.setSelected(selectedGlobalId);
  }, [engine, selectedGlobalId]);

  useEffect(() => {
    engine?.setClassFilter(classFilter);
  }, [engine, classFilter]);

  useEffect(() => {
    if (!engine) return;
    for (const plugin of plugins) engine.attachPlugin(plugin);
    return () => {
      for (const plugin of plugins) engine.detachPlugin(plugin);
    };
  }, [engine, plugins]);

  return (
    <div
      ref={containerRef}
      className={`gt-inspect-viewer${hovered ? ' gt-inspect-viewer--hover' : ''}${className ? ` ${className}` : ''}`}
      role="application"
      aria-label={props.label}
      data-testid="inspect-viewer"
      data-ready={isReady ? 'true' : 'false'}
    >
      {hovered ? (
        <div className="gt-inspect-viewer__tip" role="status">
          {hovered.ifcClass}
          {hovered.name ? ` · ${hovered.name}` : ''}
        </div>
      ) : null}
    </div>
  );
}
