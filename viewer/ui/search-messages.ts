/** UI text of the header search box (viewer/ui/search-box.tsx). */
import type { MessageCatalogue } from '@viewer/core/i18n';

type SearchMessageKey =
  | 'search.label'
  | 'search.placeholder'
  | 'search.open'
  | 'search.close'
  | 'search.results'
  | 'search.searching'
  | 'search.empty'
  | 'search.error'
  | 'search.timeout'
  | 'search.failed'
  | 'search.hint'
  | 'kind.region'
  | 'kind.model'
  | 'kind.element';

/** zh-CN / en text of the search box. */
export const SEARCH_MESSAGES = {
  'zh-CN': {
    'search.label': '搜索地点、模型、构件',
    'search.placeholder': '搜索 地名 / 模型 / GlobalId',
    'search.open': '打开搜索',
    'search.close': '关闭搜索',
    'search.results': '搜索结果',
    'search.searching': '正在搜索…',
    'search.empty': '没有找到“{query}”',
    'search.error': '搜索失败：{message}',
    'search.timeout': '此板块未及时响应',
    'search.failed': '此板块搜索出错',
    'search.hint': '↑↓ 选择 · Enter 前往 · Esc 关闭',
    'kind.region': '行政区',
    'kind.model': '模型',
    'kind.element': '构件',
  },
  en: {
    'search.label': 'Search places, models, elements',
    'search.placeholder': 'Search place / model / GlobalId',
    'search.open': 'Open search',
    'search.close': 'Close search',
    'search.results': 'Search results',
    'search.searching': 'Searching…',
    'search.empty': 'Nothing found for “{query}”',
    'search.error': 'Search failed: {message}',
    'search.timeout': 'This plate did not answer in time',
    'search.failed': 'This plate’s search failed',
    'search.hint': '↑↓ choose · Enter go · Esc close',
    'kind.region': 'Region',
    'kind.model': 'Model',
    'kind.element': 'Element',
  },
} as const satisfies MessageCatalogue<SearchMessageKey>;
