/**
 * `/models/[id]` — BIM inspection of one converted model (three.js + 3d-tiles-renderer). A server component:
 * resolves the locale and hands the model id to the client part, which loads data through tRPC.
 */
import type { Metadata } from 'next';
import { translate } from '@viewer/core/i18n';
import { INSPECT_MESSAGES } from '@viewer/three/messages';
import { getRequestLocale } from '../../locale';
import { InspectApp } from './inspect-app';

/** Props Next.js passes to the page (params are async in Next 16). */
interface InspectPageProps {
  params: Promise<{ id: string }>;
}

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(INSPECT_MESSAGES, locale, 'page.title')} · GanTwin` };
}

/** The inspection page. */
export default async function InspectPage({ params }: InspectPageProps) {
  const [{ id }, locale] = await Promise.all([params, getRequestLocale()]);
  return <InspectApp modelId={id} locale={locale} />;
}
