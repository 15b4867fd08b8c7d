'use client';
/**
 * The editor's sticky bar: the village name and code, where it stands with the public (never published / published /
 * unpublished changes), Publish and Unpublish, the Preview link (`/villages/<code>?preview=1`) and the outcome of the
 * last action (an error names the problem; a conflict offers to reload).
 */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from './curate-messages';
import type { CurateVillageView } from './editor-shapes';
import { CurationStatusBadge } from './status-badge';

/** The outcome line: a success note or an error (with `canReload` for a stale write). */
export interface CurateNotice {
  kind: 'ok' | 'error';
  text: string;
  canReload?: boolean;
}

/** Props of {@link PublishBar}. */
export interface PublishBarProps {
  locale: Locale;
  village: CurateVillageView;
  busy: boolean;
  notice: CurateNotice | null;
  formatTime: (at: Date) => string;
  onPublish: () => void;
  onUnpublish: () => void;
  onReload: () => void;
}

/** The bar (see module doc). */
export function PublishBar({ locale, village, busy, notice, formatTime, onPublish, onUnpublish, onReload }: PublishBarProps) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  const explanation = village.status === 'unpublished' ? t('publish.never') : village.status === 'changed' ? t('publish.pending') : t('publish.current');
  return (
    <div className="gt-curate-bar" data-testid="curate-publish-bar">
      <div className="gt-curate-bar__title">
        <h1 className="gt-admin__title">{village.nameZh}</h1>
        <span className="gt-table__muted gt-mono">{village.code}</span>
        <CurationStatusBadge locale={locale} status={village.status} />
      </div>
      <div className="gt-curate-bar__state">
        <span className="gt-table__muted">{explanation}</span>
        {village.publishedAt ? <span className="gt-table__muted">{t('publish.publishedAt', { when: formatTime(village.publishedAt) })}</span> : null}
        {village.updatedByName ? <span className="gt-table__muted">{t('editor.updatedBy', { who: village.updatedByName, when: formatTime(village.updatedAt) })}</span> : null}
      </div>
      <div className="gt-curate-bar__actions">
        <a className="gt-button" href={`/villages/${village.code}?preview=1`} target="_blank" rel="noopener" data-testid="curate-preview">{t('publish.preview')}</a>
        {village.status !== 'unpublished' ? (
          <button type="button" className="gt-button gt-button--danger" disabled={busy} onClick={onUnpublish} data-testid="curate-unpublish">{t('publish.unpublish')}</button>
        ) : null}
        <button type="button" className="gt-button gt-button--primary" disabled={busy || village.status === 'published'} onClick={onPublish} data-testid="curate-publish">{t('publish.publish')}</button>
      </div>
      {notice ? (
        <p className={notice.kind === 'error' ? 'gt-form__error gt-curate-bar__notice' : 'gt-form__ok gt-curate-bar__notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="curate-notice">
          {notice.text}
          {notice.canReload ? (
            <button type="button" className="gt-button gt-button--small" onClick={onReload}>{t('conflict.reload')}</button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
