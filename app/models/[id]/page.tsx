/**
 * `/models/[id]` — BIM inspection of one converted model (three.js + 3d-tiles-renderer). A server component:
 * resolves the locale and hands the model id (and `?sel=<GlobalId>`, if valid) to the client part, which loads
 * data through tRPC.
 */
import type { Metadata } from 'next';
import { SELECTION_QUERY_PARAM } from '@viewer/core/camera-url';
import { translate } from '@viewer/core/i18n';
import { isGlobalId } from '@viewer/core/selection';
import { INSPECT_MESSAGES } from '@viewer/three/messages';
import { getRequestLocale } from '../../locale';
import { InspectApp } from './inspect-app';

/** Props Next.js passes to the page (params are async in Next 16). */
interface InspectPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(INSPECT_MESSAGES, locale, 'page.title')} · GanTwin` };
}

/** The inspection page. */
export default async function InspectPage({ params, searchParams }: InspectPageProps) {
  const [{ id }, query, locale] = await Promise.all([params, searchParams, getRequestLocale()]);
  const selected = query[SELECTION_QUERY_PARAM];
  const initialSelectedGlobalId = typeof selected === 'string' && isGlobalId(selected) ? selected : null;
  return <InspectApp modelId={id} locale={locale} initialSelectedGlobalId={initialSelectedGlobalId} />;
}
