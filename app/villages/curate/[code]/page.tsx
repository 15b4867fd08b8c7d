/**
 * `/villages/curate/<code>` — the editor of one village (村落编辑): its fields, Markdown sections, historic buildings,
 * points of interest, panoramas, media, and Publish / Unpublish. A server component: the page gate (officers and
 * admins; the procedures apply the region scope), then the client part.
 */
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { translate } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from '@viewer/villages/curate/curate-messages';
import { VILLAGES_CURATOR_ROLES } from '@server/villages/curator-roles';
import { GatedPlatePage } from '../../../gated-plate-page';
import { getRequestLocale } from '../../../locale';
import { CuratePageFrame } from '../curate-page-frame';
import { CURATE_PATHS } from '../curate-paths';
import { EditorApp } from './editor-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(CURATE_MESSAGES, locale, 'nav.editor')} · GanTwin` };
}

/** The editor page. */
export default async function CurateEditorPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  if (!/^36\d{10}$/.test(code)) notFound();
  return (
    <GatedPlatePage
      path={CURATE_PATHS.editor(code)} roles={VILLAGES_CURATOR_ROLES} Frame={CuratePageFrame} active="villages"
      render={({ locale }) => <EditorApp locale={locale} code={code} />}
    />
  );
}
