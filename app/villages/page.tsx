/**
 * `/villages` — the public list and map of the traditional-village museum (anyone, no account). A server component:
 * reads the filters from the query string (server/villages/public-list-query.ts), lists the published villages
 * (server/villages/public-list.ts) and draws the light SVG map (server/villages/jiangxi-map.ts) with the same filter.
 * Filters are a GET form, so the page works without JavaScript and every result is a shareable address.
 */
import type { Metadata } from 'next';
import { getDb } from '@server/db/client';
import { jiangxiMap } from '@server/villages/jiangxi-map';
import { listPublicVillages, type PublicVillageCard } from '@server/villages/public-list';
import { publicListHref, publicListInputOf, readPublicListQuery, PUBLIC_LIST_PAGE_SIZE, type PublicListQuery } from '@server/villages/public-list-query';
import { createTranslator, translate } from '@viewer/core/i18n';
import { JiangxiVillageMap } from '@viewer/villages/jiangxi-village-map';
import { VILLAGE_PAGES_MESSAGES } from '@viewer/villages/pages-messages';
import { VillageCard } from '@viewer/villages/village-card';
import { VillageFilterForm } from '@viewer/villages/village-filter-form';
import { VillagesSiteHeader } from '@viewer/villages/villages-site-header';
import { getRequestLocale } from '../locale';
import { siteOrigin } from './site-origin';
import { otherLanguageHref, VILLAGES_PATHS } from './villages-paths';

/** Per request (the page CSP carries a nonce); the answer is the same for every visitor. */
export const dynamic = 'force-dynamic';

/** Query parameters as Next.js passes them. */
type SearchParams = Record<string, string | string[] | undefined>;

/** Most villages drawn on the map (all published villages of the filter, fetched 100 at a time). */
const MAP_MAX_VILLAGES = 2_000;

/** Title, description, canonical (the filtered address) and Open Graph of the list. */
export async function generateMetadata({ searchParams }: { searchParams: Promise<SearchParams> }): Promise<Metadata> {
  const [locale, params, origin] = await Promise.all([getRequestLocale(), searchParams, siteOrigin()]);
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  const canonical = publicListHref(VILLAGES_PATHS.list, readPublicListQuery(params));
  const title = `${t('list.title')} · ${t('site.title')}`;
  return {
    metadataBase: new URL(origin),
    title,
    description: t('site.description'),
    alternates: { canonical, languages: { 'zh-CN': canonical, en: otherLanguageHref(canonical, 'zh-CN') } },
    openGraph: { type: 'website', title, description: t('site.description'), url: canonical, siteName: t('site.title'), locale: locale === 'en' ? 'en_US' : 'zh_CN' },
  };
}

/** Every published village of the filter for the map (the list pages by 100). */
async function mapVillages(query: PublicListQuery, firstPage: { items: PublicVillageCard[]; total: number }): Promise<PublicVillageCard[]> {
  if (query.page === 1 && firstPage.total <= firstPage.items.length) return firstPage.items;
  const db = getDb();
  const base = publicListInputOf({ ...query, page: 1 });
  const all: PublicVillageCard[] = [];
  for (let offset = 0; offset < Math.min(firstPage.total, MAP_MAX_VILLAGES); offset += 100) {
    const page = await listPublicVillages(db, { ...base, limit: 100, offset });
    all.push(...page.items);
    if (page.items.length < 100) break;
  }
  return all;
}

/** The list page. */
export default async function VillagesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const [locale, params] = await Promise.all([getRequestLocale(), searchParams]);
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  const query = readPublicListQuery(params);
  const db = getDb();
  const [list, map] = await Promise.all([listPublicVillages(db, publicListInputOf(query)), jiangxiMap(db)]);
  const villagesOnMap = await mapVillages(query, list);
  const here = publicListHref(VILLAGES_PATHS.list, query);
  const from = (query.page - 1) * PUBLIC_LIST_PAGE_SIZE + 1;
  const to = from + list.items.length - 1;
  const pageCount = Math.max(1, Math.ceil(list.total / PUBLIC_LIST_PAGE_SIZE));
  return (
    <>
      <VillagesSiteHeader locale={locale} homeHref={VILLAGES_PATHS.list} otherLanguageHref={otherLanguageHref(here, locale)} twinHref={VILLAGES_PATHS.twin} />
      <main id="main" className="gt-villages-list" tabIndex={-1}>
        <div className="gt-villages-list__intro">
          <h1>{t('list.heading')}</h1>
          <p>{t('list.intro')}</p>
        </div>
        <VillageFilterForm
          locale={locale}
          action={VILLAGES_PATHS.list}
          resetHref={VILLAGES_PATHS.list}
          values={query}
          facets={list.facets}
        />
        <div className="gt-villages-list__columns">
          <section className="gt-villages-list__results" aria-labelledby="village-results-title">
            <h2 id="village-results-title" className="gt-villages-list__count" data-testid="village-count" data-total={list.total}>
              {list.total > list.items.length || query.page > 1 ? t('list.countShown', { total: list.total, from, to }) : t('list.count', { total: list.total })}
            </h2>
            {list.items.length === 0 ? (
              <p className="gt-villages-list__empty">{t('list.empty')}</p>
            ) : (
              <div className="gt-village-cards">
                {list.items.map((village, index) => (
                  <VillageCard key={village.code} village={village} href={VILLAGES_PATHS.village(village.code)} locale={locale} isAboveFold={index < 2} />
                ))}
              </div>
            )}
            {pageCount > 1 && (
              <nav className="gt-village-pager" aria-label={t('list.pages')}>
                {query.page > 1 && (
                  <a href={publicListHref(VILLAGES_PATHS.list, { ...query, page: query.page - 1 })} rel="prev">
                    {t('list.prev')}
                  </a>
                )}
                <span>
                  {query.page} / {pageCount}
                </span>
                {query.page < pageCount && (
                  <a href={publicListHref(VILLAGES_PATHS.list, { ...query, page: query.page + 1 })} rel="next">
                    {t('list.next')}
                  </a>
                )}
              </nav>
            )}
          </section>
          <section className="gt-villages-list__map" aria-labelledby="village-map-heading">
            <h2 id="village-map-heading">{translate(VILLAGE_PAGES_MESSAGES, locale, 'map.title')}</h2>
            <JiangxiVillageMap
              frame={map.frame}
              outlinesHref={VILLAGES_PATHS.mapOutlines}
              highlight={[...map.counties, ...map.cities].find((outline) => outline.code === (query.county ?? query.city)) ?? null}
              villages={villagesOnMap}
              hrefOf={VILLAGES_PATHS.village}
              locale={locale}
            />
          </section>
        </div>
      </main>
    </>
  );
}
