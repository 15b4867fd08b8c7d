/**
 * `/models/[id]` — BIM inspection of one converted model (three.js + 3d-tiles-renderer). A server component:
 * resolves the locale and hands the model id to the client part, which loads data through tRPC.
 */
import { getRequestLocale } from '../../locale';
import { InspectApp } from './inspect-app';

/** Props Next.js passes to the page (params are async in Next 16). */
interface InspectPageProps {
  params: Promise<{ id: string }>;
}

/** The inspection page. */
export default async function InspectPage({ params }: InspectPageProps) {
  const [{ id }, locale] = await Promise.all([params, getRequestLocale()]);
  return <InspectApp modelId={id} locale={locale} />;
}
