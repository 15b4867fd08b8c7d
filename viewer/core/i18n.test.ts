import { describe, expect, it } from 'vitest';
import { createTranslator, formatLocaleCookie, formatNumber, parseLocale, translate, type MessageCatalogue } from './i18n';

const MESSAGES = {
  'zh-CN': { hello: '你好，{name}', count: '{count} 个构件' },
  en: { hello: 'Hello, {name}', count: '{count} elements' },
} satisfies MessageCatalogue<'hello' | 'count'>;

describe('parseLocale', () => {
  it('accepts exact tags and short forms', () => {
    expect(parseLocale('zh-CN')).toBe('zh-CN');
    expect(parseLocale('zh')).toBe('zh-CN');
    expect(parseLocale('zh-Hans')).toBe('zh-CN');
    expect(parseLocale('en')).toBe('en');
    expect(parseLocale(' EN-us ')).toBe('en');
  });
  it('rejects unsupported or empty values', () => {
    expect(parseLocale('de')).toBeNull();
    expect(parseLocale('')).toBeNull();
    expect(parseLocale(undefined)).toBeNull();
    expect(parseLocale('english')).toBeNull();
  });
});

describe('translate', () => {
  it('picks the locale and fills placeholders', () => {
    expect(translate(MESSAGES, 'zh-CN', 'hello', { name: '南昌' })).toBe('你好，南昌');
    expect(translate(MESSAGES, 'en', 'count', { count: 83 })).toBe('83 elements');
  });
  it('leaves unknown placeholders visible', () => {
    expect(translate(MESSAGES, 'en', 'hello')).toBe('Hello, {name}');
    expect(translate(MESSAGES, 'en', 'hello', { other: 1 })).toBe('Hello, {name}');
  });
  it('binds a translator', () => {
    const t = createTranslator(MESSAGES, 'zh-CN');
    expect(t('count', { count: 7 })).toBe('7 个构件');
  });
});

describe('formatNumber', () => {
  it('groups thousands and limits decimals', () => {
    expect(formatNumber(12345.678, 'en')).toBe('12,345.68');
    expect(formatNumber(2160, 'zh-CN', 0)).toBe('2,160');
  });
});

describe('formatLocaleCookie', () => {
  it('writes a site-wide, one-year, SameSite=Lax cookie', () => {
    expect(formatLocaleCookie('en')).toBe('gantwin-locale=en; path=/; max-age=31536000; samesite=lax');
  });
});
