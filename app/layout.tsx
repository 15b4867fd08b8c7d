/**
 * Root layout: `<html lang>` from the request locale, global styles, client providers. No web fonts: the CSS
 * uses the system CJK stack (Noto Sans CJK SC from Debian fonts-noto-cjk).
 */
import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { translate } from '@viewer/core/i18n';
import { SHELL_MESSAGES } from '@viewer/ui/shell-messages';
import { getRequestLocale } from './locale';
import { Providers } from './providers';
import './globals.css';
import './accounts/accounts.css';

/** Page title and description in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return {
    title: translate(SHELL_MESSAGES, locale, 'app.pageTitle'),
    description: translate(SHELL_MESSAGES, locale, 'app.productSubtitle'),
    icons: { icon: '/favicon.svg' },
  };
}

/** Dark browser chrome to match the twin's panels. */
export const viewport: Viewport = { themeColor: '#07111f', colorScheme: 'dark' };

/** The root layout. */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getRequestLocale();
  return (
    <html lang={locale}>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
