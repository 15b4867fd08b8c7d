import { z } from 'zod';
import { VILLAGE_THEME_SLUGS } from '@data/villages/themes';
import { integerIn, nulSafeText, regionCodeSchema } from '@kernel/zod-fields';

/**
 * The public list page's query string (`/villages?q=&city=&county=&batch=&theme=&page=`), read leniently: it comes
 * from shared links and hand-edited addresses, so a value that does not validate is dropped (the page shows the
 * unfiltered list for that field) instead of failing the page. Each field is checked with zod on its own.
 */

/** Cards per page of the public list. */
export const PUBLIC_LIST_PAGE_SIZE = 24;
/** Highest page number accepted (offset ≤ 10 000 as the list input allows). */
export const PUBLIC_LIST_MAX_PAGE = Math.floor(10_000 / PUBLIC_LIST_PAGE_SIZE) + 1;

/** The filters of the page, as the URL carries them (all optional). */
export interface PublicListQuery {
  q?: string;
  /** 6-digit city code (`361100`). */
  city?: string;
  /** 6-digit county code. */
  county?: string;
  /** National batch 1..6. */
  batch?: number;
  /** Theme slug (data/villages/themes.ts). */
  theme?: string;
  /** Page number, 1-based. */
  page: number;
}

const FIELDS = {
  q: nulSafeText(40, 1),
  city: regionCodeSchema,
  county: regionCodeSchema,
  batch: z.coerce.number().pipe(integerIn(1, 6)),
  theme: z.enum(VILLAGE_THEME_SLUGS as [string, ...string[]]),
  page: z.coerce.number().pipe(integerIn(1, PUBLIC_LIST_MAX_PAGE)),
} as const;

/** A query value as Next.js passes it (repeated names arrive as arrays: the first one counts). */
type RawValue = string | string[] | undefined;

function first(value: RawValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads the list filters from the page's search parameters (see module doc).
 * @param params Next.js `searchParams` (untrusted)
 * @returns the valid filters; `q` trimmed (blank = none); `page` 1 when absent or invalid
 */
export function readPublicListQuery(params: Readonly<Record<string, RawValue>>): PublicListQuery {
  const read = <K extends keyof typeof FIELDS>(name: K): z.output<(typeof FIELDS)[K]> | undefined => {
    const raw = first(params[name])?.trim();
    if (raw === undefined || raw === '') return undefined;
    const parsed = FIELDS[name].safeParse(raw);
    return parsed.success ? (parsed.data as z.output<(typeof FIELDS)[K]>) : undefined;
  };
  return { q: read('q'), city: read('city'), county: read('county'), batch: read('batch'), theme: read('theme'), page: read('page') ?? 1 };
}

/**
 * The list service's input for a query (`listPublicVillages`): filters, {@link PUBLIC_LIST_PAGE_SIZE} cards from the
 * page's offset.
 */
export function publicListInputOf(query: PublicListQuery): {
  q?: string;
  cityCode?: string;
  countyCode?: string;
  nationalBatch?: number;
  theme?: string;
  limit: number;
  offset: number;
} {
  return {
    q: query.q,
    cityCode: query.city,
    countyCode: query.county,
    nationalBatch: query.batch,
    theme: query.theme,
    limit: PUBLIC_LIST_PAGE_SIZE,
    offset: (query.page - 1) * PUBLIC_LIST_PAGE_SIZE,
  };
}

/**
 * The address of the list with `query` (empty fields left out, page 1 left out), for links and pagination.
 * @param basePath `/villages`
 */
export function publicListHref(basePath: string, query: PublicListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.city) params.set('city', query.city);
  if (query.county) params.set('county', query.county);
  if (query.batch) params.set('batch', String(query.batch));
  if (query.theme) params.set('theme', query.theme);
  if (query.page > 1) params.set('page', String(query.page));
  const text = params.toString();
  return text ? `${basePath}?${text}` : basePath;
}
