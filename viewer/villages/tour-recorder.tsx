'use client';
/**
 * The curator's tour recorder (录制导览): "add stop" records the twin camera's current pose with a caption (zh, en)
 * and its flight/hold times; stops can be viewed (camera cut to the pose), moved up/down and deleted; the tour can
 * be previewed and saved whole (a draft until the village is published). The limits mirror the server's
 * (server/villages/scene-inputs.ts, which validates again): ≤ 50 stops, captions ≤ 500 characters, flight
 * 0.5–30 s, hold 0–60 s. Emits only; the app saves through tRPC.
 */
import { useEffect, useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { VILLAGES_SCENE_MESSAGES } from './scene-messages';
import type { TourCameraPose, TourStopView } from './tour-player';

/** Limits of a recorded tour (the server's, repeated for the form's bounds). */
export const TOUR_RECORDER_LIMITS = { maxStops: 50, maxCaptionChars: 500, flightS: [0.5, 30], holdS: [0, 60], maxTitleChars: 100 } as const;

/** Times of a new stop, seconds. */
export const NEW_STOP_TIMES = { flightS: 3, holdS: 5 } as const;

/** A tour as the recorder edits and saves it. */
export interface RecordedTour {
  titleZh: string;
  titleEn: string | null;
  stops: TourStopView[];
}

/** Props of {@link TourRecorder}. */
export interface TourRecorderProps {
  locale: Locale;
  /** The working tour to start from (null while loading). */
  initial: RecordedTour | null;
  /** The camera's current pose, or null when the scene is not ready. */
  captureCamera: () => TourCameraPose | null;
  onViewStop: (stop: TourStopView) => void;
  onPreview: (stops: TourStopView[]) => void;
  onSave: (tour: RecordedTour) => void;
  saving: boolean;
  /** The server's refusal, or null. */
  error: string | null;
  isSaved: boolean;
  onClose: () => void;
}

/** Moves item `from` of a copy of `list` to `to`. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (to < 0 || to >= next.length) return next;
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/** The recorder (see module doc). */
export function TourRecorder(props: TourRecorderProps) {
  const { locale, initial } = props;
  const t = createTranslator(VILLAGES_SCENE_MESSAGES, locale);
  const [titleZh, setTitleZh] = useState('');
  const [titleEn, setTitleEn] = useState('');
  const [stops, setStops] = useState<TourStopView[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [isLoaded, setIsLoaded] = useState(false);
  useEffect(() => {
    if (!initial || isLoaded) return;
    setTitleZh(initial.titleZh);
    setTitleEn(initial.titleEn ?? '');
    setStops(initial.stops);
    setIsLoaded(true);
  }, [initial, isLoaded]);

  const update = (index: number, patch: Partial<TourStopView>) => setStops((previous) => previous.map((stop, i) => (i === index ? { ...stop, ...patch } : stop)));
  const add = () => {
    if (stops.length >= TOUR_RECORDER_LIMITS.maxStops) return setNotice(t('record.limit', { count: TOUR_RECORDER_LIMITS.maxStops }));
    const camera = props.captureCamera();
    if (!camera) return setNotice(t('record.noCamera'));
    setNotice(null);
    setStops((previous) => [...previous, { camera, captionZh: '', captionEn: null, ...NEW_STOP_TIMES }]);
  };
  const number = (value: string, [min, max]: readonly [number, number]) => Math.min(max, Math.max(min, Number(value) || 0));

  return (
    <section className="gt-village-recorder" aria-label={t('record.title')} data-testid="village-tour-recorder">
      <h3 className="gt-panel__subtitle">{t('record.title')}</h3>
      <p className="gt-form__hint">{t('record.hint')}</p>
      <label className="gt-field">
        <span className="gt-field__label">{t('record.tourTitle')}</span>
        <input className="gt-input" value={titleZh} maxLength={TOUR_RECORDER_LIMITS.maxTitleChars} onChange={(e) => setTitleZh(e.target.value)} required />
      </label>
      <label className="gt-field">
        <span className="gt-field__label">{t('record.tourTitleEn')}</span>
        <input className="gt-input" value={titleEn} maxLength={TOUR_RECORDER_LIMITS.maxTitleChars} onChange={(e) => setTitleEn(e.target.value)} />
      </label>
      {stops.length === 0 ? <p className="gt-panel__message">{t('record.empty')}</p> : null}
      <ol className="gt-village-recorder__stops">
        {stops.map((stop, index) => (
          <li key={index} className="gt-village-recorder__stop" data-testid="village-tour-recorder-stop">
            <fieldset>
              <legend>{t('record.stop', { index: index + 1 })}</legend>
              <label className="gt-field">
                <span className="gt-field__label">{t('record.captionZh')}</span>
                <textarea className="gt-input" rows={2} value={stop.captionZh} maxLength={TOUR_RECORDER_LIMITS.maxCaptionChars} onChange={(e) => update(index, { captionZh: e.target.value })} />
              </label>
              <label className="gt-field">
                <span className="gt-field__label">{t('record.captionEn')}</span>
                <textarea className="gt-input" rows={2} value={stop.captionEn ?? ''} maxLength={TOUR_RECORDER_LIMITS.maxCaptionChars} onChange={(e) => update(index, { captionEn: e.target.value || null })} />
              </label>
              <div className="gt-village-recorder__times">
                <label className="gt-field">
                  <span className="gt-field__label">{t('record.flightS')}</span>
                  <input className="gt-input" type="number" min={TOUR_RECORDER_LIMITS.flightS[0]} max={TOUR_RECORDER_LIMITS.flightS[1]} step={0.5} value={stop.flightS} onChange={(e) => update(index, { flightS: number(e.target.value, TOUR_RECORDER_LIMITS.flightS) })} />
                </label>
                <label className="gt-field">
                  <span className="gt-field__label">{t('record.holdS')}</span>
                  <input className="gt-input" type="number" min={TOUR_RECORDER_LIMITS.holdS[0]} max={TOUR_RECORDER_LIMITS.holdS[1]} step={1} value={stop.holdS} onChange={(e) => update(index, { holdS: number(e.target.value, TOUR_RECORDER_LIMITS.holdS) })} />
                </label>
              </div>
              <div className="gt-panel__actions">
                <button type="button" className="gt-button gt-button--small" onClick={() => props.onViewStop(stop)}>{t('record.view')}</button>
                <button type="button" className="gt-button gt-button--small" disabled={index === 0} onClick={() => setStops((s) => moveItem(s, index, index - 1))} aria-label={`${t('record.up')} ${t('record.stop', { index: index + 1 })}`}>↑</button>
                <button type="button" className="gt-button gt-button--small" disabled={index === stops.length - 1} onClick={() => setStops((s) => moveItem(s, index, index + 1))} aria-label={`${t('record.down')} ${t('record.stop', { index: index + 1 })}`}>↓</button>
                <button type="button" className="gt-button gt-button--small" onClick={() => setStops((s) => s.filter((_, i) => i !== index))}>{t('record.delete')}</button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      {notice ? <p className="gt-form__error" role="alert">{notice}</p> : null}
      {props.error ? <p className="gt-form__error" role="alert">{t('record.error', { message: props.error })}</p> : null}
      {props.isSaved && !props.saving ? <p className="gt-form__ok" role="status">{t('record.saved')}</p> : null}
      <div className="gt-panel__actions gt-village-panel__actions">
        <button type="button" className="gt-button gt-button--small" onClick={add} data-testid="village-tour-add-stop">{t('record.add')}</button>
        <button type="button" className="gt-button gt-button--small" disabled={stops.length === 0} onClick={() => props.onPreview(stops)}>{t('record.preview')}</button>
        <button
          type="button"
          className="gt-button gt-button--small gt-button--primary"
          disabled={props.saving || !titleZh.trim()}
          onClick={() => props.onSave({ titleZh: titleZh.trim(), titleEn: titleEn.trim() || null, stops })}
          data-testid="village-tour-save"
        >
          {props.saving ? t('record.saving') : t('record.save')}
        </button>
        <button type="button" className="gt-button gt-button--small" onClick={props.onClose}>{t('record.close')}</button>
      </div>
    </section>
  );
}
