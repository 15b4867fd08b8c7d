import { describe, expect, it } from 'vitest';
import { PUBLIC_LIST_MAX_PAGE, PUBLIC_LIST_PAGE_SIZE, publicListHref, publicListInputOf, readPublicListQuery } from './public-list-query';

describe('readPublicListQuery', () => {
  it('reads every filter of a shared link', () => {
    expect(readPublicListQuery({ q: ' lk ', city: '361100', county: '361130', batch: '2', theme: 'huizhou-architecture', page: '3' })).toEqual({
      q: 'lk',
      city: '361100',
      county: '361130',
      batch: 2,
      theme: 'huizhou-architecture',
      page: 3,
    });
  });

  it('drops each invalid value on its own and keeps the rest', () => {
    const query = readPublicListQuery({
      q: 'x'.repeat(41),
      city: '440100',
      county: "361130' OR 1=1",
      batch: '7',
      theme: 'castle',
      page: String(PUBLIC_LIST_MAX_PAGE + 1),
    });
    expect(query).toEqual({ q: undefined, city: undefined, county: undefined, batch: undefined, theme: undefined, page: 1 });
    expect(readPublicListQuery({ batch: '2.5', page: '-1', q: '李\u0000坑' })).toEqual({ q: undefined, city: undefined, county: undefined, batch: undefined, theme: undefined, page: 1 });
  });

  it('takes the first of repeated names and treats blanks as absent', () => {
    expect(readPublicListQuery({ q: ['李坑', 'x'], batch: ['', '3'], city: '  ' })).toMatchObject({ q: '李坑', batch: undefined, city: undefined });
  });
});

describe('publicListInputOf / publicListHref', () => {
  it('pages by PUBLIC_LIST_PAGE_SIZE and maps the names', () => {
    expect(publicListInputOf({ city: '361100', batch: 1, page: 2 })).toEqual({
      q: undefined,
      cityCode: '361100',
      countyCode: undefined,
      nationalBatch: 1,
      theme: undefined,
      limit: PUBLIC_LIST_PAGE_SIZE,
      offset: PUBLIC_LIST_PAGE_SIZE,
    });
  });

  it('writes only the set filters, round-trips through readPublicListQuery', () => {
    expect(publicListHref('/villages', { page: 1 })).toBe('/villages');
    const query = { q: '李 坑&', city: '361100', batch: 6, theme: 'red-culture', page: 2 };
    const href = publicListHref('/villages', query);
    expect(href).toBe('/villages?q=%E6%9D%8E+%E5%9D%91%26&city=361100&batch=6&theme=red-culture&page=2');
    const params = Object.fromEntries(new URL(href, 'http://x').searchParams);
    expect(readPublicListQuery(params)).toEqual({ ...query, county: undefined });
  });
});
