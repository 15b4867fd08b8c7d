/**
 * `/lifelines/import` — the network import (管网数据导入). A server component: the lifelines page gate (inspectors,
 * officers, admins), then the client part that posts the file to `POST /api/lifelines/import`.
 */
import type { Metadata } from 'next';
import { translate } from '@viewer/core/i18n';
import { IMPORT_MESSAGES } from '@viewer/lifelines/import-messages';
import { GatedPlatePage } from '../../gated-plate-page';
import { getRequestLocale } from '../../locale';
import { LifelinesPageFrame } from '../lifelines-page-frame';
import { LIFELINES_PAGE_ROLES, LIFELINES_PATHS } from '../lifelines-paths';
import { ImportApp } from './import-app';

/** Always per request: the answer depends on the session cookie. */
export const dynamic = 'force-dynamic';

/** Page title in the request locale. */
export async function generateMetadata(): Promise<Metadata> {
  const locale = await getRequestLocale();
  return { title: `${translate(IMPORT_MESSAGES, locale, 'page.title')} · GanTwin` };
}

/** The import page. */
export default function NetworkImportPage() {
  return (
    <GatedPlatePage
      path={LIFELINES_PATHS.import} roles={LIFELINES_PAGE_ROLES} Frame={LifelinesPageFrame} active="import"
      render={({ locale, actor }) => <ImportApp locale={locale} regionCode={actor.regionCode} />}
    />
  );
}
