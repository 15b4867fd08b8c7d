/**
 * `/villages/curate` — the curators' village list (村落管理): the villages of the curator's region, drafts included,
 * and "create from the register". A server component: the page gate (officers and admins), then the client part.
 */
import type { Metadata } from 'next';
import { translate } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from '@viewer/villages/curate/curate-messages';
import { VILLAGES_CURATOR_ROLES } from '@server/villages/curator-roles';
import { GatedPlatePage } from '../../gated-plate-page';
import { getRequestLocale } from '../../locale';
import { CuratePageFrame } from './curate-page-frame';
import { CURATE_PATHS } from './curate-paths';
import { CurateListApp } from './curate-list-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(CURATE_MESSAGES, locale, 'list.title')} · GanTwin` };
}

/** The list page. */
export default function CurateListPage() {
  return (
    <GatedPlatePage
      path={CURATE_PATHS.list} roles={VILLAGES_CURATOR_ROLES} Frame={CuratePageFrame} active="villages"
      render={({ locale, actor }) => <CurateListApp locale={locale} regionCode={actor.regionCode} />}
    />
  );
}
