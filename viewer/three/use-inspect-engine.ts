import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { createInspectEngine, type InspectEngine, type InspectEngineEvents } from './inspect-engine';

/**
 * Creates the {@link InspectEngine} inside `containerRef` for `tilesetUrl` and disposes it on unmount or
 * when the URL changes. Event callbacks may change between renders without recreating the engine.
 *
 * @returns the engine once mounted, else null.
 */
export function useInspectEngine(
  containerRef: RefObject<HTMLElement | null>,
  tilesetUrl: string,
  events: InspectEngineEvents,
): InspectEngine | null {
  const [engine, setEngine] = useState<InspectEngine | null>(null);
  const eventsRef = useRef(events);
  useLayoutEffect(() => {
    eventsRef.current = events;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const created = createInspectEngine(container, {
      tilesetUrl,
      onHover: (element) => eventsRef.current.onHover?.(element),
      onPick: (element) => eventsRef.current.onPick?.(element),
      onElementsChange: (elements) => eventsRef.current.onElementsChange?.(elements),
      onReady: () => eventsRef.current.onReady?.(),
      onError: (error) => eventsRef.current.onError?.(error),
    });
    setEngine(created);
    return () => {
      setEngine(null);
      created.dispose();
    };
  }, [containerRef, tilesetUrl]);

  return engine;
}
