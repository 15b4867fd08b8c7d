'use client';
/**
 * The measuring tools, ready to mount over a twin globe: toolbar and result panel (viewer/ui/measure/) wired to a
 * {@link MeasureController} on the globe's scene, plus the keys (Backspace undo, Enter finish, Esc cancel; not while
 * typing in a field). Any plate page with a twin globe mounts it:
 *
 * ```tsx
 * const measure = useMeasureLink(LAYER_KINDS);   // ./use-measure-link.ts: give measure.layerKinds to <TwinGlobe>
 * // ignore feature selection while measure.isMeasuring
 * <MeasureTools locale={locale} link={measure.link} onActiveChange={measure.setIsMeasuring} />
 * ```
 */
import { useEffect, useMemo } from 'react';
import type { Locale } from '@viewer/core/i18n';
import { measureLabelText } from '@viewer/ui/measure/measure-label-text';
import { MeasureToolbar } from '@viewer/ui/measure/measure-toolbar';
import '@viewer/ui/measure/measure-toolbar.css';
import type { MeasureSceneLink } from './measure-scene-link';
import { useMeasureTool } from './use-measure-tool';

/** Props of {@link MeasureTools}. */
export interface MeasureToolsProps {
  locale: Locale;
  /** The link whose `tap` wrapped the globe's layer kinds. */
  link: MeasureSceneLink;
  /** Told when a tool becomes active or inactive: while active, clicks measure, so the host ignores selections. */
  onActiveChange?: (isActive: boolean) => void;
}

/** Whether a key event comes from a text field (its keys are the field's). */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** The measuring tools (see module doc). */
export function MeasureTools({ locale, link, onActiveChange }: MeasureToolsProps) {
  const labelText = useMemo(() => measureLabelText(locale), [locale]);
  const measure = useMeasureTool(link, labelText);
  const { snapshot, setTool, undo, finish } = measure;
  const isActive = snapshot.tool !== null;

  useEffect(() => {
    onActiveChange?.(isActive);
  }, [isActive, onActiveChange]);

  useEffect(() => {
    if (!isActive) return undefined;
    // Capture phase on window: runs before the shell's Escape handler (which clears the selection), and marks the
    // key handled so that handler leaves it.
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      if (event.key === 'Escape') setTool(null);
      else if (event.key === 'Backspace') undo();
      else if (event.key === 'Enter') finish();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [isActive, setTool, undo, finish]);

  return (
    <MeasureToolbar
      locale={locale}
      isAvailable={measure.isAvailable}
      state={{
        tool: snapshot.tool,
        result: snapshot.result,
        pointCount: snapshot.session?.pointsEcef.length ?? 0,
        isFinished: snapshot.session?.isFinished ?? false,
        lastSource: snapshot.lastSource,
        canUndo: snapshot.canUndo,
        canFinish: snapshot.canFinish,
      }}
      onTool={setTool}
      onUndo={undo}
      onFinish={finish}
      onClear={measure.clear}
    />
  );
}
