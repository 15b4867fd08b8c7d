'use client';
/**
 * The twin's left column: a row of toggle buttons (one per panel: layers, then each plate's side panel) and the
 * panels themselves. On a desktop the panels stack in the column and each collapses on its own; on a phone the
 * toggles float under the header and the open panel is a bottom sheet with a close button, leaving the globe free.
 * Toggles carry `aria-expanded` and `aria-controls`; a closed panel is `hidden` (kept mounted, so it keeps its
 * state).
 */
import type { ReactNode } from 'react';
import type { ShellPanels } from './use-shell-panels';

/** One panel of the dock. */
export interface DockPanel {
  /** Stable id (`layers`, a plate slug…), also the DOM id suffix and `data-dock-panel`. */
  id: string;
  /** Toggle label. */
  title: string;
  content: ReactNode;
}

/** Props of {@link ShellDock}. */
export interface ShellDockProps {
  panels: readonly DockPanel[];
  state: ShellPanels;
  /** Accessible name of the toggle row. */
  label: string;
  /** Accessible name of the sheet's close button (phones). */
  closeLabel: string;
}

/** The dock (see module doc). */
export function ShellDock({ panels, state, label, closeLabel }: ShellDockProps) {
  const openCount = panels.filter((panel) => state.isOpen(panel.id)).length;
  return (
    <aside className="gt-twin__left gt-dock" data-open-count={openCount}>
      <div className="gt-dock__toggles" role="toolbar" aria-label={label}>
        {panels.map((panel) => (
          <button
            key={panel.id}
            type="button"
            className="gt-dock__toggle"
            aria-expanded={state.isOpen(panel.id)}
            aria-controls={`gt-dock-${panel.id}`}
            onClick={() => state.toggle(panel.id)}
            data-testid={`dock-toggle-${panel.id}`}
          >
            <span className="gt-dock__chevron" aria-hidden="true">{state.isOpen(panel.id) ? '▾' : '▸'}</span>
            {panel.title}
          </button>
        ))}
      </div>
      <div className="gt-dock__panels" data-open-count={openCount} data-compact={state.isCompact ? 'true' : 'false'}>
        {state.isCompact && openCount > 0 ? (
          <button type="button" className="gt-sheet__close gt-icon-button" onClick={state.closeAll} aria-label={closeLabel} title={closeLabel}>
            ✕
          </button>
        ) : null}
        {panels.map((panel) => (
          <div
            key={panel.id}
            id={`gt-dock-${panel.id}`}
            className={`gt-dock__panel gt-dock__panel--${panel.id}`}
            data-dock-panel={panel.id}
            hidden={!state.isOpen(panel.id)}
          >
            {panel.content}
          </div>
        ))}
      </div>
    </aside>
  );
}
