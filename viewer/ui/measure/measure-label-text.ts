/** The texts of the labels a measurement draws on the map, in the UI language (see core/measure-figure.ts). */
import { createTranslator, type Locale } from '@viewer/core/i18n';
import type { MeasureLabelText } from '@viewer/core/measure-figure';
import { formatArea, formatLength } from '@viewer/core/measure-format';
import { MEASURE_MESSAGES } from './messages';

/** Label texts for `locale`: `12.34 m` per segment, `总长 123.45 m`, `面积 356.2 m²\n周长 80.00 m`, `高差 +4.00 m`… */
export function measureLabelText(locale: Locale): MeasureLabelText {
  const t = createTranslator(MEASURE_MESSAGES, locale);
  return {
    segment: (lengthM) => formatLength(lengthM),
    total: (lengthM) => t('label.total', { length: formatLength(lengthM) }),
    area: (areaM2, perimeterM) => t('label.area', { area: formatArea(areaM2), perimeter: formatLength(perimeterM) }),
    problem: (problem) => t(`problem.${problem}`),
    height: (deltaHeightM) => t('label.height', { length: formatSignedLength(deltaHeightM) }),
    horizontal: (lengthM) => t('label.horizontal', { length: formatLength(lengthM) }),
    slope: (lengthM) => t('label.slope', { length: formatLength(lengthM) }),
  };
}

/** A height difference with its sign: `+4.00 m`, `-3.20 m`, `0.00 m`. */
export function formatSignedLength(lengthM: number): string {
  const text = formatLength(lengthM);
  return lengthM > 0 && !/^0\.0+ /.test(text) ? `+${text}` : text;
}
