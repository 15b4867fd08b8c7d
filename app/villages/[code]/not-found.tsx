/** 404 of `/villages/<code>`: the village is unknown, unpublished, or the address is malformed. */
import { createTranslator } from '@viewer/core/i18n';
import { VILLAGE_PAGES_MESSAGES } from '@viewer/villages/pages-messages';
import { VillagesSiteHeader } from '@viewer/villages/villages-site-header';
import { getRequestLocale } from '../../locale';
import { otherLanguageHref, VILLAGES_PATHS } from '../villages-paths';

/** The notice. */
export default async function VillageNotFound() {
  const locale = await getRequestLocale();
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  return (
    <>
      <VillagesSiteHeader locale={locale} homeHref={VILLAGES_PATHS.list} otherLanguageHref={otherLanguageHref(VILLAGES_PATHS.list, locale)} twinHref={VILLAGES_PATHS.twin} />
      <main id="main" className="gt-villages-main gt-villages-notfound" tabIndex={-1}>
        <h1>{t('village.notFound')}</h1>
        <p>{t('village.notFoundHint')}</p>
        <p>
          <a className="gt-village-button" href={VILLAGES_PATHS.list}>
            {t('village.back')}
          </a>
        </p>
      </main>
    </>
  );
}
