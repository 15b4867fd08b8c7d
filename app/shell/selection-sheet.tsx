'use client';
/**
 * Where the selection panel lives: the right column on a desktop, a bottom sheet on a phone. The sheet is at most
 * 42 % of the screen high, so that the picked element — which the tap or the fly-to put in the middle of the
 * globe — stays visible above it, and its handle (`aria-expanded`) folds it down to its title bar.
 */
import { useEffect, useState, type ReactNode } from 'react';

/** Props of {@link SelectionSheet}. */
export interface SelectionSheetProps {
  /** The selection's plate (`data-plate`). */
  plate: string;
  /** Changes with every new selection (the sheet unfolds again). */
  selectionKey: string;
  /** Hidden while a dock panel is open as a sheet (phones). */
  isHidden: boolean;
  /** Accessible names of the handle when it folds or unfolds the sheet. */
  collapseLabel: string;
  expandLabel: string;
  /** Accessible name of the sheet. */
  label: string;
  children: ReactNode;
}

/** The selection sheet (see module doc). */
export function SelectionSheet({ plate, selectionKey, isHidden, collapseLabel, expandLabel, label, children }: SelectionSheetProps) {
  const [isFolded, setIsFolded] = useState(false);
  useEffect(() => setIsFolded(false), [selectionKey]);
  return (
    <div
      className="gt-twin__right gt-sheet"
      role="region"
      aria-label={label}
      data-plate={plate}
      data-folded={isFolded ? 'true' : 'false'}
      hidden={isHidden}
      data-testid="selection-sheet"
    >
      <button
        type="button"
        className="gt-sheet__handle"
        aria-expanded={!isFolded}
        aria-label={isFolded ? expandLabel : collapseLabel}
        title={isFolded ? expandLabel : collapseLabel}
        onClick={() => setIsFolded((folded) => !folded)}
      >
        <span aria-hidden="true" />
      </button>
      <div className="gt-sheet__body">{children}</div>
    </div>
  );
}
