/**
 * Layout of the public village site (`/villages/**`): its stylesheet and a light browser chrome. The pages render
 * their own header (it links to the same page in the other language).
 */
import type { Viewport } from 'next';
import type { ReactNode } from 'react';
import './villages.css';

/** Light browser chrome to match the museum pages (the twin's is dark). */
export const viewport: Viewport = { themeColor: '#f6f1e7', colorScheme: 'light', width: 'device-width', initialScale: 1 };

/** The layout. */
export default function VillagesLayout({ children }: { children: ReactNode }) {
  return <div className="gt-villages">{children}</div>;
}
