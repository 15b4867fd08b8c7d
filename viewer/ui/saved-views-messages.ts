/** UI text of the saved-views menu (viewer/ui/saved-views-panel.tsx). */
import type { MessageCatalogue } from '@viewer/core/i18n';

type SavedViewsMessageKey =
  | 'views.button'
  | 'views.title'
  | 'views.nameLabel'
  | 'views.namePlaceholder'
  | 'views.save'
  | 'views.saving'
  | 'views.empty'
  | 'views.loading'
  | 'views.open'
  | 'views.copyLink'
  | 'views.copied'
  | 'views.copyFailed'
  | 'views.remove'
  | 'views.storedInAccount'
  | 'views.storedInBrowser'
  | 'views.error'
  | 'views.limit';

/** zh-CN / en text of the saved-views menu. */
export const SAVED_VIEWS_MESSAGES = {
  'zh-CN': {
    'views.button': '视角',
    'views.title': '保存的视角',
    'views.nameLabel': '视角名称',
    'views.namePlaceholder': '为当前视角命名',
    'views.save': '保存当前视角',
    'views.saving': '正在保存…',
    'views.empty': '还没有保存的视角',
    'views.loading': '正在加载…',
    'views.open': '飞往视角“{name}”',
    'views.copyLink': '复制链接',
    'views.copied': '链接已复制',
    'views.copyFailed': '无法写入剪贴板，请手动复制：',
    'views.remove': '删除视角“{name}”',
    'views.storedInAccount': '保存在您的账号中',
    'views.storedInBrowser': '未登录：保存在本浏览器中',
    'views.error': '操作失败：{message}',
    'views.limit': '最多保存 {max} 个视角',
  },
  en: {
    'views.button': 'Views',
    'views.title': 'Saved views',
    'views.nameLabel': 'View name',
    'views.namePlaceholder': 'Name the current view',
    'views.save': 'Save current view',
    'views.saving': 'Saving…',
    'views.empty': 'No saved views yet',
    'views.loading': 'Loading…',
    'views.open': 'Fly to view “{name}”',
    'views.copyLink': 'Copy link',
    'views.copied': 'Link copied',
    'views.copyFailed': 'Could not write to the clipboard; copy it by hand:',
    'views.remove': 'Delete view “{name}”',
    'views.storedInAccount': 'Stored in your account',
    'views.storedInBrowser': 'Not signed in: stored in this browser',
    'views.error': 'Failed: {message}',
    'views.limit': 'At most {max} views',
  },
} as const satisfies MessageCatalogue<SavedViewsMessageKey>;
