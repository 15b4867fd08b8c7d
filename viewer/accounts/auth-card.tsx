/**
 * The centred card of the sign-in and password pages: brand, title, an optional lead text, the form, and a
 * footer slot (e.g. the locale switch and a link back to the twin).
 */
import type { ReactNode } from 'react';

/** Props of {@link AuthCard}. */
export interface AuthCardProps {
  productName: string;
  title: string;
  lead?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The card (see module doc). */
export function AuthCard({ productName, title, lead, children, footer }: AuthCardProps) {
  return (
    <main className="gt-auth">
      <section className="gt-auth__card" aria-labelledby="gt-auth-title">
        <div className="gt-auth__brand">
          <span className="gt-header__logo" aria-hidden="true">赣</span>
          <span className="gt-auth__product">{productName}</span>
        </div>
        <h1 className="gt-auth__title" id="gt-auth-title">{title}</h1>
        {lead ? <div className="gt-auth__lead">{lead}</div> : null}
        {children}
        {footer ? <div className="gt-auth__footer">{footer}</div> : null}
      </section>
    </main>
  );
}
