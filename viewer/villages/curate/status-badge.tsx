/** The curation status of a village as a badge: 未发布 / 已发布 / 已发布，有未发布修改. */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CURATE_MESSAGES } from './curate-messages';
import type { CurationStatus } from './editor-shapes';

/** The badge (see module doc). */
export function CurationStatusBadge({ locale, status }: { locale: Locale; status: CurationStatus }) {
  const t = createTranslator(CURATE_MESSAGES, locale);
  return <span className={`gt-curate-status gt-curate-status--${status}`} data-testid="curation-status" data-status={status}>{t(`status.${status}`)}</span>;
}
