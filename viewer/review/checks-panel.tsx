/**
 * The review workspace's findings: the indicators measured on the model placed on its parcel (with the GFA method),
 * the automatic checks with their verdict (合格 / 不合格 / 无法判定), value, limit and clause, the offending elements
 * of a failed check (a click selects and frames the first, each further click the next), and the pre-checks with the entities they name. Renders and
 * emits only.
 */
import { createTranslator, formatNumber, type Locale } from '@viewer/core/i18n';
import { REVIEW_MESSAGES, type ReviewMessageKey } from './messages';

/** One check as stored (server/review/indicators/check-parcel.ts). */
export interface CheckView {
  rule: string;
  titleZh: string;
  titleEn: string;
  edge?: number;
  value: number | boolean | null;
  limit: number | boolean;
  verdict: 'pass' | 'fail' | 'undetermined';
  clause: { zh: string; en: string; source: string };
  globalIds: string[];
}

/** The stored checks of a submission. */
export interface ChecksView {
  indicators: {
    parcelAreaM2: number;
    footprintM2: number;
    gfaM2: number | null;
    far: number | null;
    density: number;
    heightM: number | null;
    storeys: number;
    setbackM: number[];
    insideParcel: boolean;
  };
  checks: CheckView[];
  parcelVersion: number;
}

/** A pre-check of the measures. */
export interface PreCheckView {
  id: string;
  passed: boolean;
  failures: { globalId: string; ifcClass: string; name: string | null; reason: string }[];
}

/** Props of {@link ChecksPanel}. */
export interface ChecksPanelProps {
  locale: Locale;
  checks: ChecksView | null;
  checkedAt: string | Date | null;
  gfaMethod: string | null;
  preChecks: readonly PreCheckView[];
  /** The GlobalId shown as selected, or null. */
  selectedGlobalId: string | null;
  onShowElements(globalIds: readonly string[]): void;
}

const PRECHECK_TITLES: Record<string, { zh: string; en: string }> = {
  'schema-valid': { zh: 'IFC 文件有效', en: 'IFC file valid' },
  'storey-elevations': { zh: '楼层标高', en: 'Storey elevations' },
  'floor-areas': { zh: '房间或楼层面积', en: 'Spaces or storey areas' },
  'building-use': { zh: '建筑用途', en: 'Building use' },
};

/** A value with its unit for one indicator. */
function formatValue(locale: Locale, rule: string, value: number | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return REVIEW_MESSAGES[locale][value ? 'yes' : 'no'];
  if (rule === 'density-max') return `${formatNumber(value * 100, locale, 1)} %`;
  if (rule.startsWith('far')) return formatNumber(value, locale, 2);
  return `${formatNumber(value, locale, 2)} m`;
}

/** The panel (see module doc). */
export function ChecksPanel({ locale, checks, checkedAt, gfaMethod, preChecks, selectedGlobalId, onShowElements }: ChecksPanelProps) {
  const t = createTranslator(REVIEW_MESSAGES, locale);
  const isZh = locale === 'zh-CN';
  if (!checks) return <p className="gt-review-ws__muted">{t('ws.checks.none')}</p>;
  const i = checks.indicators;
  const rows: [ReviewMessageKey, string][] = [
    ['ind.parcelAreaM2', `${formatNumber(i.parcelAreaM2, locale, 1)} m²`],
    ['ind.footprintM2', `${formatNumber(i.footprintM2, locale, 1)} m²`],
    ['ind.gfaM2', i.gfaM2 === null ? '—' : `${formatNumber(i.gfaM2, locale, 1)} m²${gfaMethod ? (isZh ? `（${t(`ind.gfaMethod.${gfaMethod}` as ReviewMessageKey)}）` : ` (${t(`ind.gfaMethod.${gfaMethod}` as ReviewMessageKey)})`) : ''}`],
    ['ind.far', i.far === null ? '—' : formatNumber(i.far, locale, 3)],
    ['ind.density', `${formatNumber(i.density * 100, locale, 1)} %`],
    ['ind.heightM', i.heightM === null ? '—' : `${formatNumber(i.heightM, locale, 2)} m`],
    ['ind.storeys', String(i.storeys)],
    ['ind.setbackM', i.setbackM.map((d) => formatNumber(d, locale, 2)).join(' / ') + ' m'],
    ['ind.insideParcel', t(i.insideParcel ? 'yes' : 'no')],
  ];
  return (
    <div className="gt-review-checks">
      <h3>{t('ws.indicators')}</h3>
      <dl className="gt-review-indicators" data-testid="review-indicators">
        {rows.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>{t('ws.checks')}</h3>
      {checkedAt ? <p className="gt-review-ws__muted">{t('ws.checks.checkedAt', { version: checks.parcelVersion, at: new Date(checkedAt).toLocaleString(locale) })}</p> : null}
      <ul className="gt-review-checklist" data-testid="review-checks">
        {checks.checks.map((check) => (
          <li key={`${check.rule}-${check.edge ?? ''}`} data-rule={check.rule} data-verdict={check.verdict}>
            <div className="gt-review-checklist__head">
              <span className={`gt-review-status gt-review-verdict--${check.verdict}`}>{t(`verdict.${check.verdict}` as ReviewMessageKey)}</span>
              <strong>
                {isZh ? check.titleZh : check.titleEn}
                {check.edge !== undefined ? ` #${check.edge + 1}` : ''}
              </strong>
              <span className="gt-review-checklist__values">
                {formatValue(locale, check.rule, check.value)} / {formatValue(locale, check.rule, check.limit)}
              </span>
            </div>
            <div className="gt-review-checklist__clause">
              {isZh ? check.clause.zh : check.clause.en} <em>{check.clause.source}</em>
            </div>
            {check.globalIds.length > 0 ? (
              <button type="button" className="gt-button gt-button--small" aria-pressed={check.globalIds.includes(selectedGlobalId ?? '')} onClick={() => onShowElements(check.globalIds)}>
                {t('ws.checks.show')} · {t('ws.checks.offenders', { count: check.globalIds.length })}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {preChecks.length > 0 ? (
        <>
          <h3>{t('ws.prechecks')}</h3>
          <ul className="gt-review-prechecks">
            {preChecks.map((pre) => (
              <li key={pre.id} data-precheck={pre.id}>
                <span className={`gt-review-status gt-review-verdict--${pre.passed ? 'pass' : 'fail'}`}>{pre.passed ? t('ws.precheck.passed') : t('ws.precheck.failed', { count: pre.failures.length })}</span>{' '}
                {isZh ? PRECHECK_TITLES[pre.id]?.zh ?? pre.id : PRECHECK_TITLES[pre.id]?.en ?? pre.id}
                {pre.failures.slice(0, 20).map((failure) => (
                  <div key={`${failure.globalId}-${failure.reason}`} className="gt-review-ws__muted">
                    {failure.ifcClass} {failure.name ?? ''} {failure.globalId}: {failure.reason}
                  </div>
                ))}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
