/**
 * The twin's alarm list (告警): open alarms, each with level, sensor, value with unit, rule and its threshold source,
 * first/last seen, status and deadline, and buttons for its allowed next steps. A step asks for a note in place and
 * confirms; the parent calls the transition and reports an error as text under the alarm. Says why instead of
 * listing when the caller is anonymous or may not see alarms. The sensor name flies to the sensor (`onLocate`); a
 * "live" mark says the list is pushed by the server.
 */
import { useState } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { formatAlarmValue, formatInstant, isOverdue, transitionNote, type AlarmListItem, type AlarmStatusCode } from './alarm-format';
import { SENSORS_MESSAGES } from './messages';

/** Whether the caller may see alarms: yes, not signed in, or a role that may not. */
export type AlarmAccess = 'allowed' | 'anonymous' | 'forbidden';

/** Props of {@link AlarmList}. */
export interface AlarmListProps {
  locale: Locale;
  access: AlarmAccess;
  /** Open alarms, in display order (newest first). */
  alarms: readonly AlarmListItem[];
  loading?: boolean;
  /** Why the list could not be loaded, or null. */
  loadError?: string | null;
  /** The statuses an alarm in `status` may move to. */
  nextSteps: (status: AlarmStatusCode) => readonly AlarmStatusCode[];
  /** Moves an alarm (with the version shown) and resolves, or rejects with the text to show under it. */
  onTransition: (alarm: AlarmListItem, to: AlarmStatusCode, note: string) => Promise<void>;
  /** Now, ms since the epoch (overdue marks). */
  now: number;
  /** Flies to the alarm's sensor and selects it (the sensor name is a button when given). */
  onLocate?: (alarm: AlarmListItem) => void;
  /** Whether live updates are connected (a "live" mark), disconnected (a notice), or not used (`null`). */
  live?: boolean | null;
}

interface Draft {
  alarmId: string;
  to: AlarmStatusCode;
  note: string;
}

/** The alarm list (see module doc). */
export function AlarmList({ locale, access, alarms, loading, loadError, nextSteps, onTransition, now, onLocate, live = null }: AlarmListProps) {
  const t = createTranslator(SENSORS_MESSAGES, locale);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [errors, setErrors] = useState<Readonly<Record<string, string>>>({});

  const submit = async (alarm: AlarmListItem) => {
    const note = draft ? transitionNote(draft.note) : null;
    if (!draft || !note) return;
    setBusyId(alarm.id);
    setErrors((current) => ({ ...current, [alarm.id]: '' }));
    try {
      await onTransition(alarm, draft.to, note);
      setDraft(null);
    } catch (failure) {
      setErrors((current) => ({ ...current, [alarm.id]: failure instanceof Error ? failure.message : String(failure) }));
    } finally {
      setBusyId(null);
    }
  };

  let message: string | null = null;
  if (access === 'anonymous') message = t('alarms.signIn');
  else if (access === 'forbidden') message = t('alarms.forbidden');
  else if (loadError) message = loadError;
  else if (loading) message = t('alarms.loading');
  else if (alarms.length === 0) message = t('alarms.empty');

  return (
    <section className="gt-panel gt-alarm-list" aria-label={t('alarms.title')} data-testid="alarm-list">
      <header className="gt-panel__header">
        <h2 className="gt-panel__title">{t('alarms.title')}</h2>
        {access === 'allowed' && live ? <span className="gt-alarm-live" data-testid="alarms-live">{t('alarms.live')}</span> : null}
        {access === 'allowed' && !loading && !loadError ? <span className="gt-panel__count">{alarms.length}</span> : null}
      </header>
      <div className="gt-panel__body">
        {access === 'allowed' && live === false ? <p className="gt-panel__message">{t('alarms.offline')}</p> : null}
        {message ? <p className={`gt-panel__message ${loadError && access === 'allowed' ? 'gt-error' : ''}`}>{message}</p> : null}
        {message ? null : (
          <ul className="gt-alarms">
            {alarms.map((alarm) => {
              const overdue = isOverdue(alarm, now);
              const isDrafting = draft?.alarmId === alarm.id;
              const error = errors[alarm.id];
              return (
                <li key={alarm.id} className={`gt-alarm gt-alarm--level-${alarm.level}`} data-alarm-id={alarm.id} data-status={alarm.status}>
                  <div className="gt-alarm__head">
                    <span className={`gt-alarm__level gt-alarm__level--${alarm.level}`}>{t('alarms.level', { level: alarm.level })}</span>
                    {onLocate ? (
                      <button type="button" className="gt-alarm__sensor gt-alarm__locate" title={t('alarms.locate', { name: alarm.sensorName })} onClick={() => onLocate(alarm)}>
                        {alarm.sensorName}
                      </button>
                    ) : (
                      <span className="gt-alarm__sensor">{alarm.sensorName}</span>
                    )}
                    <span className={`gt-status gt-status--${alarm.status}`}>{t(`status.${alarm.status}`)}</span>
                  </div>
                  <dl className="gt-alarm__facts">
                    <dt>{t('alarms.value')}</dt>
                    <dd>{formatAlarmValue(alarm, locale)}</dd>
                    <dt>{t('alarms.rule')}</dt>
                    <dd>{alarm.ruleName}</dd>
                    <dt>{t('alarms.thresholdSource')}</dt>
                    <dd>{alarm.thresholdSource || '—'}</dd>
                    <dt>{t('alarms.firstSeen')}</dt>
                    <dd>{formatInstant(alarm.firstSeenAt)}</dd>
                    <dt>{t('alarms.lastSeen')}</dt>
                    <dd>{formatInstant(alarm.lastSeenAt)}</dd>
                    <dt>{t('alarms.deadline')}</dt>
                    <dd className={overdue ? 'gt-alarm__overdue' : undefined}>
                      {formatInstant(alarm.deadlineAt)}
                      {overdue ? ` · ${t('alarms.overdue')}` : ''}
                    </dd>
                  </dl>
                  {isDrafting ? (
                    <form
                      className="gt-alarm__note"
                      onSubmit={(event) => {
                        event.preventDefault();
                        void submit(alarm);
                      }}
                    >
                      <label className="gt-field">
                        <span className="gt-field__label">
                          {t(`step.${draft.to}`)} · {t('alarms.noteLabel')}
                        </span>
                        <textarea
                          className="gt-input"
                          rows={2}
                          maxLength={2000}
                          required
                          autoFocus
                          value={draft.note}
                          placeholder={t('alarms.notePlaceholder')}
                          onChange={(event) => setDraft({ ...draft, note: event.target.value })}
                        />
                      </label>
                      <div className="gt-alarm__actions">
                        <button type="submit" className="gt-button gt-button--small gt-button--primary" disabled={busyId === alarm.id || !transitionNote(draft.note)}>
                          {busyId === alarm.id ? t('alarms.saving') : t('alarms.confirm')}
                        </button>
                        <button type="button" className="gt-button gt-button--small" disabled={busyId === alarm.id} onClick={() => setDraft(null)}>
                          {t('alarms.cancel')}
                        </button>
                      </div>
                    </form>
                  ) : (
                    <div className="gt-alarm__actions">
                      {nextSteps(alarm.status).map((to) => (
                        <button
                          key={to}
                          type="button"
                          className={`gt-button gt-button--small ${to === 'false-alarm' ? '' : 'gt-button--primary'}`}
                          disabled={busyId !== null}
                          data-step={to}
                          onClick={() => setDraft({ alarmId: alarm.id, to, note: '' })}
                        >
                          {t(`step.${to}`)}
                        </button>
                      ))}
                    </div>
                  )}
                  {error ? (
                    <p className="gt-error" role="alert">
                      {error}
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
