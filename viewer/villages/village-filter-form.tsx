/**
 * The filter form of the public village list: search box (name, pinyin, initials), city, county, national batch and
 * theme, with the number of published villages for each value. A plain GET form: it works without JavaScript and
 * its result is a shareable address.
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGE_PAGES_MESSAGES } from './pages-messages';
import { batchLabel, themeLabel } from './village-text';

/** The filters currently applied. */
export interface VillageFilterValues {
  q?: string;
  city?: string;
  county?: string;
  batch?: number;
  theme?: string;
}

/** Counts per filter value over all published villages (the list service's facets). */
export interface VillageFilterFacets {
  cities: readonly { code: string; name: string; count: number }[];
  counties: readonly { code: string; name: string; cityCode: string; count: number }[];
  batches: readonly { batch: number; count: number }[];
  themes: readonly { theme: string; count: number }[];
}

/** Props of {@link VillageFilterForm}. */
export interface VillageFilterFormProps {
  locale: Locale;
  /** Where the form is sent (`/villages`). */
  action: string;
  /** The list without filters. */
  resetHref: string;
  values: VillageFilterValues;
  facets: VillageFilterFacets;
}

/** The form (see module doc). */
export function VillageFilterForm({ locale, action, resetHref, values, facets }: VillageFilterFormProps) {
  const t = createTranslator(VILLAGE_PAGES_MESSAGES, locale);
  // With a city chosen, only its counties are offered (a county of another city would match nothing).
  const counties = values.city ? facets.counties.filter((county) => county.cityCode === values.city) : facets.counties;
  const hasFilter = Boolean(values.q || values.city || values.county || values.batch || values.theme);
  return (
    <form className="gt-village-filters" method="get" action={action} role="search" aria-label={t('list.filters')} data-testid="village-filters">
      <div className="gt-village-filters__search">
        <label htmlFor="village-q">{t('list.search')}</label>
        <div className="gt-village-filters__search-row">
          <input
            id="village-q"
            type="search"
            name="q"
            defaultValue={values.q ?? ''}
            placeholder={t('list.searchPlaceholder')}
            maxLength={40}
            autoComplete="off"
            enterKeyHint="search"
          />
          <button type="submit">{t('list.submit')}</button>
        </div>
      </div>
      <div className="gt-village-filters__selects">
        <label>
          <span>{t('list.city')}</span>
          <select name="city" defaultValue={values.city ?? ''}>
            <option value="">{t('list.all')}</option>
            {facets.cities.map((city) => (
              <option key={city.code} value={city.code}>
                {city.name}（{city.count}）
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('list.county')}</span>
          <select name="county" defaultValue={values.county ?? ''}>
            <option value="">{t('list.all')}</option>
            {counties.map((county) => (
              <option key={county.code} value={county.code}>
                {county.name}（{county.count}）
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('list.batch')}</span>
          <select name="batch" defaultValue={values.batch ? String(values.batch) : ''}>
            <option value="">{t('list.all')}</option>
            {facets.batches.map((entry) => (
              <option key={entry.batch} value={String(entry.batch)}>
                {batchLabel(locale, entry.batch)}（{entry.count}）
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('list.theme')}</span>
          <select name="theme" defaultValue={values.theme ?? ''}>
            <option value="">{t('list.all')}</option>
            {facets.themes.map((entry) => (
              <option key={entry.theme} value={entry.theme}>
                {themeLabel(locale, entry.theme)}（{entry.count}）
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="gt-village-filters__actions">
        <button type="submit" className="gt-village-button">
          {t('list.submit')}
        </button>
        {hasFilter && (
          <a className="gt-village-filters__reset" href={resetHref}>
            {t('list.reset')}
          </a>
        )}
      </div>
    </form>
  );
}
