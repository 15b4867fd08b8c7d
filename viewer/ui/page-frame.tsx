/**
 * The frame of the pages outside the twin (admin pages, a plate's work pages such as `/review`): a header (brand
 * linking back to the twin, the page's navigation tabs, a back link, a controls slot for the locale switch and the
 * account menu) over a scrolling page body. Each plate passes its own sections; the look is shared.
 */
import type { ReactNode } from 'react';

/** One navigation tab. */
export interface PageFrameSection<Id extends string = string> {
  id: Id;
  label: string;
  href: string;
}

/** Props of {@link PageFrame}. */
export interface PageFrameProps<Id extends string = string> {
  productName: string;
  /** Accessible name of the navigation (e.g. 管理 / Administration). */
  navLabel: string;
  sections: readonly PageFrameSection<Id>[];
  /** The page shown, highlighted; null hides the navigation (e.g. a 403 notice). */
  active: Id | null;
  twinHref: string;
  /** Text of the back link to the twin. */
  backLabel: string;
  controls?: ReactNode;
  children: ReactNode;
}

/** The page frame (see module doc). */
export function PageFrame<Id extends string>({ productName, navLabel, sections, active, twinHref, backLabel, controls, children }: PageFrameProps<Id>) {
  return (
    <div className="gt-admin">
      <header className="gt-admin__header">
        <a className="gt-admin__brand" href={twinHref}>
          <span className="gt-header__logo" aria-hidden="true">赣</span>
          <span className="gt-admin__product">{productName}</span>
        </a>
        {active ? (
          <nav className="gt-admin__nav" aria-label={navLabel}>
            {sections.map((section) => (
              <a key={section.id} className="gt-admin__tab" href={section.href} aria-current={section.id === active ? 'page' : undefined}>
                {section.label}
              </a>
            ))}
          </nav>
        ) : null}
        <div className="gt-header__controls">
          <a className="gt-link gt-admin__back" href={twinHref}>← {backLabel}</a>
          {controls}
        </div>
      </header>
      <main className="gt-admin__main">{children}</main>
    </div>
  );
}
