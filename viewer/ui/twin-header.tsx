'use client';
/**
 * The twin's top bar: product name, quick navigation (全省 / 南昌 / 红谷滩示范区, the one the camera is at marked
 * with `aria-current`), region breadcrumb, a slot for the search box and a slot for the locale switch and account
 * menu.
 *
 * Layout: on a desktop or tablet everything sits in one row. At ≤ 720 px (phones) the bar keeps the logo, the
 * short product name, the search slot and a menu button (`aria-expanded`); quick navigation, breadcrumb and
 * controls move into the menu it opens (Escape or a click outside closes it). One set of elements serves both
 * layouts (CSS moves them), so each control exists once in the page.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { QuickPlace } from './quick-places';
import { SHELL_MESSAGES } from './shell-messages';

export type { QuickPlace } from './quick-places';

/** The quick-navigation buttons, in order, with their test ids. */
const QUICK_PLACES: readonly { place: QuickPlace; testId: string }[] = [
  { place: 'jiangxi', testId: 'nav-jiangxi' },
  { place: 'nanchang', testId: 'nav-nanchang' },
  { place: 'honggutan', testId: 'nav-honggutan' },
];

/** Props of {@link TwinHeader}. */
export interface TwinHeaderProps {
  locale: Locale;
  /** Breadcrumb from the province down (e.g. 江西省 › 南昌市 › model name). */
  breadcrumb: readonly string[];
  onQuickNav: (place: QuickPlace) => void;
  /** The quick-navigation place the camera is at (marked), or `null` for none. */
  activePlace?: QuickPlace | null;
  /** A search box: after the breadcrumb on a desktop, between the name and the menu button on a phone. */
  search?: ReactNode;
  /** The locale switch (or other controls) at the right end (in the menu on a phone). */
  controls?: ReactNode;
}

/** The header (see module doc). */
export function TwinHeader({ locale, breadcrumb, onQuickNav, activePlace = null, search, controls }: TwinHeaderProps) {
  const t = createTranslator(SHELL_MESSAGES, locale);
  const [isMenuOpen, setIsMenuOpen] = useState(false);
  const menuId = useId();
  const headerRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!isMenuOpen) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      // Handled here (capture phase, before the page's own Escape handling, e.g. clearing the selection).
      event.preventDefault();
      setIsMenuOpen(false);
      menuButtonRef.current?.focus();
    };
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !headerRef.current?.contains(event.target)) setIsMenuOpen(false);
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('pointerdown', onPointerDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('pointerdown', onPointerDown);
    };
  }, [isMenuOpen]);

  return (
    <header className="gt-header" ref={headerRef} data-menu-open={isMenuOpen ? 'true' : 'false'}>
      <div className="gt-header__brand">
        <span className="gt-header__logo" aria-hidden="true">赣</span>
        <h1 className="gt-header__title">
          <span className="gt-header__product">{t('app.productName')}</span>
          <span className="gt-header__separator" aria-hidden="true"> · </span>
          <span className="gt-header__subtitle">{t('app.productSubtitle')}</span>
        </h1>
      </div>
      {search ? <div className="gt-header__search">{search}</div> : null}
      <button
        type="button"
        ref={menuButtonRef}
        className="gt-header__menu-button gt-icon-button"
        aria-expanded={isMenuOpen}
        aria-controls={menuId}
        aria-label={t('menu.label')}
        title={t('menu.label')}
        onClick={() => setIsMenuOpen((open) => !open)}
        data-testid="header-menu-button"
      >
        <span aria-hidden="true">{isMenuOpen ? '✕' : '☰'}</span>
      </button>
      <div className="gt-header__menu" id={menuId}>
        <div className="gt-header__nav" role="group" aria-label={t('nav.label')}>
          {QUICK_PLACES.map(({ place, testId }) => (
            <button
              key={place}
              type="button"
              className={`gt-button ${place === activePlace ? 'gt-button--primary' : ''}`}
              aria-current={place === activePlace ? 'location' : undefined}
              onClick={() => {
                setIsMenuOpen(false);
                onQuickNav(place);
              }}
              data-testid={testId}
            >
              {t(`nav.${place}`)}
            </button>
          ))}
        </div>
        <nav className="gt-breadcrumb" aria-label={t('breadcrumb.label')}>
          <ol>
            {breadcrumb.map((item, index) => (
              <li key={`${index}-${item}`} aria-current={index === breadcrumb.length - 1 ? 'location' : undefined}>
                {item}
              </li>
            ))}
          </ol>
        </nav>
        <div className="gt-header__controls">{controls}</div>
      </div>
    </header>
  );
}
