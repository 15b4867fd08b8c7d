'use client';
/**
 * One resumable upload of a review submission with the tus protocol (`tus-js-client` → `/api/review/uploads`,
 * server/review/upload-handler.ts): progress, pause/resume, automatic retries after a dropped connection (the
 * client asks the server for its offset and continues from there), and resumption after a page reload when the
 * same file is chosen again (the client keeps the upload URL in localStorage, keyed by the file's name, type, size
 * and date). The server answers the last request with `{ submissionId, version, projectId }`.
 */
import { useCallback, useRef, useState } from 'react';
import { Upload } from 'tus-js-client';

/** The tus endpoint (server/review/upload-handler.ts REVIEW_UPLOAD_PATH). */
const ENDPOINT = '/api/review/uploads';

/** Bytes per PATCH request: a dropped connection loses at most this much, and proxies see bounded bodies. */
const CHUNK_BYTES = 16 * 1024 * 1024;

/** Where an upload stands. */
export type TusUploadState =
  | { phase: 'idle' }
  | { phase: 'uploading' | 'paused'; bytesDone: number; bytesTotal: number; resumedFrom: number | null }
  | { phase: 'done'; submissionId: string; version: number }
  | { phase: 'error'; message: string; status: number | null };

/** The fields sent with the file (tus `Upload-Metadata`). */
export interface SubmissionUploadFields {
  projectName: string;
  parcelId: string;
}

/** The server's text answer and HTTP status of a refused request, without tus-js-client's request dump. */
function failureOf(error: Error): { message: string; status: number | null } {
  const body = /response text: ([^,]*(?:,[^,]*)*?)(?:, request id|$)/.exec(error.message)?.[1];
  const response = (error as Error & { originalResponse?: { getStatus(): number } | null }).originalResponse;
  return { message: (body ?? error.message).trim(), status: response ? response.getStatus() : null };
}

/**
 * A hook running at most one upload at a time.
 * @returns the state and `start(file, fields)`, `pause()`, `resume()`, `reset()`
 */
export function useTusUpload() {
  const [state, setState] = useState<TusUploadState>({ phase: 'idle' });
  const uploadRef = useRef<Upload | null>(null);

  const start = useCallback(async (file: File, fields: SubmissionUploadFields) => {
    let isResumed = false;
    let resumedFrom: number | null = null;
    const upload = new Upload(file, {
      endpoint: ENDPOINT,
      chunkSize: CHUNK_BYTES,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
      metadata: { filename: file.name, projectName: fields.projectName, parcelId: fields.parcelId },
      removeFingerprintOnSuccess: true,
      // A resumption continues an upload with the metadata it was created with: only the same file for the same
      // project and parcel may resume, anything else starts a new upload.
      fingerprint: async (chosen) => ['gantwin-review', chosen.name, chosen.type, chosen.size, chosen.lastModified, fields.projectName, fields.parcelId].join('\u0000'),
      onProgress: (bytesDone, bytesTotal) => {
        // The first report after a resumption starts at the server's offset.
        if (isResumed && resumedFrom === null) resumedFrom = bytesDone;
        setState({ phase: 'uploading', bytesDone, bytesTotal, resumedFrom });
      },
      onSuccess: (payload) => {
        uploadRef.current = null;
        try {
          const body = JSON.parse(payload.lastResponse.getBody()) as { submissionId: string; version: number };
          setState({ phase: 'done', submissionId: body.submissionId, version: body.version });
        } catch {
          setState({ phase: 'error', message: 'the server did not confirm the submission', status: null });
        }
      },
      onError: (error) => {
        uploadRef.current = null;
        setState({ phase: 'error', ...failureOf(error) });
      },
    });
    uploadRef.current = upload;
    const previous = await upload.findPreviousUploads();
    if (previous.length > 0) {
      upload.resumeFromPreviousUpload(previous[0]);
      isResumed = true;
    }
    setState({ phase: 'uploading', bytesDone: 0, bytesTotal: file.size, resumedFrom });
    upload.start();
  }, []);

  const pause = useCallback(() => {
    const upload = uploadRef.current;
    if (!upload) return;
    void upload.abort();
    setState((current) => (current.phase === 'uploading' ? { ...current, phase: 'paused' } : current));
  }, []);

  const resume = useCallback(() => {
    const upload = uploadRef.current;
    if (!upload) return;
    setState((current) => (current.phase === 'paused' ? { ...current, phase: 'uploading' } : current));
    upload.start();
  }, []);

  const reset = useCallback(() => {
    uploadRef.current = null;
    setState({ phase: 'idle' });
  }, []);

  return { state, start, pause, resume, reset };
}
