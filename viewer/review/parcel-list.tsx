'use client';
/** The parcels of the user's region as a table: code, name, land use, main limits, the 示例数据 badge; a row opens it. */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { ParcelLike } from './parcel-draft';
import { PARCEL_MESSAGES } from './parcel-messages';

/** Props of {@link ParcelList}. */
export interface ParcelListProps {
  locale: Locale;
  parcels: readonly ParcelLike[];
  isLoading: boolean;
  selectedId: string | null;
  onOpen: (id: string) => void;
}

/** The table (see module doc). */
export function ParcelList({ locale, parcels, isLoading, selectedId, onOpen }: ParcelListProps) {
  const t = createTranslator(PARCEL_MESSAGES, locale);
  const dash = '—';
  if (isLoading) return <p className="gt-panel__message">{t('list.loading')}</p>;
  if (parcels.length === 0) return <p className="gt-panel__message">{t('list.empty')}</p>;
  return (
    <div className="gt-table-wrap gt-parcel-list">
      <table className="gt-table">
        <thead>
          <tr>
            <th>{t('list.code')}</th>
            <th>{t('list.name')}</th>
            <th>{t('list.landUse')}</th>
            <th>{t('list.limits')}</th>
          </tr>
        </thead>
        <tbody>
          {parcels.map((parcel) => (
            <tr key={parcel.id} aria-selected={parcel.id === selectedId} className={parcel.id === selectedId ? 'gt-parcel-list__row--selected' : undefined} data-code={parcel.code}>
              <td className="gt-table__nowrap">
                <button type="button" className="gt-parcel-list__open" onClick={() => onOpen(parcel.id)}>
                  {parcel.code}
                </button>
                {parcel.isDemo && <span className="gt-parcel-badge">{t('demo.badge')}</span>}
              </td>
              <td className="gt-table__wrap">{locale === 'en' && parcel.nameEn ? parcel.nameEn : parcel.name}</td>
              <td>{parcel.landUse}</td>
              <td>
                {t('list.limitsValue', {
                  height: parcel.heightLimitM === null ? dash : `${parcel.heightLimitM} m`,
                  far: parcel.farMin === null && parcel.farMax === null ? dash : `${parcel.farMin ?? dash}–${parcel.farMax ?? dash}`,
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
