/**
 * The plates' work pages outside the twin, one line per plate, as the account menu lists them for the roles that
 * may open them (each page checks again with its own gate). Light on purpose: no plate code is imported here.
 */
import type { Locale } from '@viewer/core/i18n';

/** One plate's entry page. */
export interface PlatePage {
  slug: string;
  href: string;
  title: Record<Locale, string>;
  roles: readonly string[];
}

/** The work pages, in menu order. */
export const PLATE_PAGES: readonly PlatePage[] = [
  { slug: 'review', href: '/review', title: { 'zh-CN': 'BIM 报建审查', en: 'BIM submission review' }, roles: ['applicant', 'planner', 'admin'] },
  { slug: 'lifelines', href: '/lifelines/import', title: { 'zh-CN': '管网数据导入', en: 'Network import' }, roles: ['inspector', 'officer', 'admin'] },
  { slug: 'sensors', href: '/sensors/devices', title: { 'zh-CN': '物联设备台账', en: 'Sensor registry' }, roles: ['inspector', 'officer', 'admin'] },
  { slug: 'villages', href: '/villages/curate', title: { 'zh-CN': '村落内容管理', en: 'Village museum content' }, roles: ['officer', 'admin'] },
];

/** The menu links of the pages `role` may open, titled in `locale`. */
export function plateLinksFor(role: string, locale: Locale): { slug: string; href: string; label: string }[] {
  return PLATE_PAGES.filter((page) => page.roles.includes(role)).map((page) => ({ slug: page.slug, href: page.href, label: page.title[locale] }));
}
