/**
 * The planner's decision on a submission waiting for review (待审查): a comment, 通过 approve or 退回 return (a return
 * needs a comment), and a re-check against the parcel's current conditions. Applicants and decided submissions see
 * the outcome with its comment instead. Renders and emits only.
 */
import { useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { REVIEW_MESSAGES } from './messages';
import { statusLabel } from './submissions-table';

/** Props of {@link DecisionForm}. */
export interface DecisionFormProps {
  locale: Locale;
  status: string;
  isReviewer: boolean;
  reviewComment: string | null;
  reviewedByName: string | null;
  reviewedAt: string | Date | null;
  busy: boolean;
  error: string | null;
  onDecide(decision: 'approve' | 'return', comment: string): void;
  onRecheck(): void;
}

/** The form (see module doc). */
export function DecisionForm({ locale, status, isReviewer, reviewComment, reviewedByName, reviewedAt, busy, error, onDecide, onRecheck }: DecisionFormProps) {
  const t = createTranslator(REVIEW_MESSAGES, locale);
  const [comment, setComment] = useState('');
  const isDecided = status === 'approved' || status === 'returned';
  const canCheckAgain = isReviewer && (status === 'pending-review' || isDecided);
  return (
    <section className="gt-review-form gt-review-decision" data-testid="review-decision">
      <h2>{t('ws.decision')}</h2>
      {isDecided ? (
        <>
          <p data-testid="review-outcome">{t('ws.decision.done', { status: statusLabel(locale, status), comment: reviewComment ?? '—' })}</p>
          {reviewedByName && reviewedAt ? <p className="gt-review-form__hint">{t('ws.decision.by', { name: reviewedByName, at: new Date(reviewedAt).toLocaleString(locale) })}</p> : null}
        </>
      ) : null}
      {isReviewer && status === 'pending-review' ? (
        <>
          <label>
            {t('ws.decision.comment')}
            <textarea name="comment" rows={3} maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} disabled={busy} />
          </label>
          <div className="gt-review-decision__buttons">
            <button type="button" className="gt-button gt-button--primary" disabled={busy} onClick={() => onDecide('approve', comment)}>
              {t('ws.decision.approve')}
            </button>
            <button type="button" className="gt-button" disabled={busy || comment.trim() === ''} onClick={() => onDecide('return', comment)}>
              {t('ws.decision.return')}
            </button>
          </div>
        </>
      ) : null}
      {canCheckAgain ? (
        <button type="button" className="gt-button gt-button--small" disabled={busy} onClick={onRecheck}>
          {t('ws.decision.recheck')}
        </button>
      ) : null}
      {!isReviewer && !isDecided ? <p className="gt-review-form__hint">{statusLabel(locale, status)}</p> : null}
      {error ? <p className="gt-review-form__error" role="alert">{error}</p> : null}
    </section>
  );
}
