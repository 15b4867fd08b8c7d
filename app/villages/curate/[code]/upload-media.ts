import type { MediaUpload } from '@viewer/villages/curate/media-panel';
import { MEDIA_UPLOAD_URL } from '../curate-paths';

/**
 * Posts one image to `POST /api/villages/media` (multipart: text fields first, then the file, as
 * server/api/multipart-upload.ts expects) with XMLHttpRequest, whose upload events give the progress that `fetch`
 * does not.
 * @param onProgress called with 0..100 (percent of the request body sent)
 * @returns resolves on HTTP 2xx; rejects with the route's text (or `HTTP <status>`) otherwise, or on a network error
 */
export function uploadVillageMedia(villageId: string, upload: MediaUpload, onProgress: (percent: number) => void): Promise<void> {
  const body = new FormData();
  body.append('villageId', villageId);
  body.append('kind', upload.kind);
  body.append('altZh', upload.altZh);
  if (upload.altEn.trim()) body.append('altEn', upload.altEn.trim());
  if (upload.captionZh.trim()) body.append('captionZh', upload.captionZh.trim());
  if (upload.credit.trim()) body.append('credit', upload.credit.trim());
  if (upload.buildingId) body.append('buildingId', upload.buildingId);
  body.append('file', upload.file, upload.file.name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', MEDIA_UPLOAD_URL);
    request.withCredentials = true;
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress((100 * event.loaded) / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve();
      else reject(new Error((request.responseText || `HTTP ${request.status}`).slice(0, 2000)));
    };
    request.onerror = () => reject(new Error(`${MEDIA_UPLOAD_URL}: network error`));
    request.send(body);
  });
}
