/**
 * The applicant's submission form: project name (earlier names offered, so a resubmission is one pick away), parcel,
 * the IFC / IFCZIP file, and the upload's progress with pause / resume. Renders and emits only; the upload itself is
 * app/review/use-tus-upload.ts.
 */
import { useState, type FormEvent } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { formatBytes } from './format';
import { REVIEW_MESSAGES, type ReviewMessageKey } from './messages';

/** A parcel the applicant may choose. */
export interface ParcelChoice {
  id: string;
  code: string;
  name: string;
  isDemo: boolean;
}

/** The upload's state as the form shows it. */
export type UploadView =
  | { phase: 'idle' }
  | { phase: 'uploading' | 'paused'; bytesDone: number; bytesTotal: number; resumedFrom: number | null }
  | { phase: 'done'; submissionId: string; version: number }
  | { phase: 'error'; message: string; status: number | null };

/** Props of {@link UploadForm}. */
export interface UploadFormProps {
  locale: Locale;
  parcels: readonly ParcelChoice[];
  /** Names of the applicant's earlier projects. */
  projectNames: readonly string[];
  maxBytes: number;
  upload: UploadView;
  /** Project and parcel to start with (a resubmission from a returned submission's page). */
  initialProjectName?: string;
  initialParcelId?: string;
  /** The workspace link of a finished upload. */
  submissionHref(id: string): string;
  onSubmit(file: File, fields: { projectName: string; parcelId: string }): void;
  onPause(): void;
  onResume(): void;
}

/**
 * What a refused upload tells the applicant, by the server's status (upload-handler.ts); the server's own text for
 * anything else.
 */
function uploadFailureText(t: ReturnType<typeof createTranslator<ReviewMessageKey>>, status: number | null, serverText: string): string {
  const key = status !== null ? UPLOAD_STATUS_MESSAGES[status] : undefined;
  return key ? t(key) : serverText;
}

const UPLOAD_STATUS_MESSAGES: Partial<Record<number, ReviewMessageKey>> = {
  401: 'upload.refused.401',
  403: 'upload.refused.403',
  404: 'upload.refused.404',
  413: 'upload.refused.413',
  415: 'upload.refused.415',
  429: 'upload.refused.429',
};

/** The form (see module doc). */
export function UploadForm({ locale, parcels, projectNames, maxBytes, upload, initialProjectName = '', initialParcelId = '', submissionHref, onSubmit, onPause, onResume }: UploadFormProps) {
  const t = createTranslator(REVIEW_MESSAGES, locale);
  const [projectName, setProjectName] = useState(initialProjectName);
  const [parcelId, setParcelId] = useState(initialParcelId);
  const [file, setFile] = useState<File | null>(null);
  // The file of the last submission: submitting it again needs a new choice (no accidental version N+1).
  const [submittedFile, setSubmittedFile] = useState<File | null>(null);
  const [submittedProject, setSubmittedProject] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const isBusy = upload.phase === 'uploading' || upload.phase === 'paused';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file || !projectName.trim() || !parcelId) return setProblem(t('upload.needFields'));
    if (!/\.(ifc|ifczip|zip)$/i.test(file.name)) return setProblem(t('upload.wrongType'));
    if (file.size > maxBytes) return setProblem(t('upload.tooLarge', { size: formatBytes(file.size, locale), max: formatBytes(maxBytes, locale) }));
    setProblem(null);
    setSubmittedFile(file);
    setSubmittedProject(projectName.trim());
    onSubmit(file, { projectName: projectName.trim(), parcelId });
  };

  return (
    <form className="gt-review-form" onSubmit={submit} data-testid="review-upload-form">
      <h2>{t('upload.title')}</h2>
      <label>
        {t('upload.project')}
        <input name="projectName" type="text" maxLength={100} list="gt-review-projects" value={projectName} onChange={(event) => setProjectName(event.target.value)} disabled={isBusy} />
        <datalist id="gt-review-projects">
          {projectNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <span className="gt-review-form__hint">{t('upload.projectHint')}</span>
      </label>
      <label>
        {t('upload.parcel')}
        <select name="parcelId" value={parcelId} onChange={(event) => setParcelId(event.target.value)} disabled={isBusy}>
          <option value="" />
          {parcels.map((parcel) => (
            <option key={parcel.id} value={parcel.id}>
              {parcel.code} {parcel.name}
              {parcel.isDemo ? (locale === 'zh-CN' ? `（${t('demo.label')}）` : ` (${t('demo.label')})`) : ''}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('upload.file', { max: formatBytes(maxBytes, locale) })}
        <input name="file" type="file" accept=".ifc,.ifczip,.zip" onChange={(event) => setFile(event.target.files?.[0] ?? null)} disabled={isBusy} />
      </label>
      {isBusy ? (
        <div className="gt-review-form__progress" data-testid="review-upload-progress">
          <progress max={upload.bytesTotal} value={upload.bytesDone} />
          <span>
            {t('upload.progress', { done: formatBytes(upload.bytesDone, locale), total: formatBytes(upload.bytesTotal, locale), percent: upload.bytesTotal ? Math.floor((upload.bytesDone / upload.bytesTotal) * 100) : 0 })}
          </span>
          {upload.resumedFrom !== null ? <span className="gt-review-form__hint">{t('upload.resumed', { done: formatBytes(upload.resumedFrom, locale) })}</span> : null}
          {upload.phase === 'uploading' ? (
            <button type="button" className="gt-button gt-button--small" onClick={onPause}>
              {t('upload.pause')}
            </button>
          ) : (
            <button type="button" className="gt-button gt-button--small" onClick={onResume}>
              {t('upload.resume')}
            </button>
          )}
        </div>
      ) : (
        <button type="submit" className="gt-button gt-button--primary" disabled={upload.phase === 'done' && file !== null && file === submittedFile}>
          {t('upload.submit')}
        </button>
      )}
      {problem ? <p className="gt-review-form__error">{problem}</p> : null}
      {upload.phase === 'error' ? <p className="gt-review-form__error" role="alert">{t('upload.error', { message: uploadFailureText(t, upload.status, upload.message) })}</p> : null}
      {upload.phase === 'done' ? (
        <p className="gt-review-form__ok" role="status">
          <a href={submissionHref(upload.submissionId)}>{t('upload.done', { project: submittedProject, version: upload.version })}</a>
        </p>
      ) : null}
    </form>
  );
}
