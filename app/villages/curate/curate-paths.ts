/** The curators' pages of the village museum, in one place for links and gates. */
export const CURATE_PATHS = {
  /** My villages + create from the register. */
  list: '/villages/curate',
  /** The editor of one village. */
  editor: (code: string) => `/villages/curate/${code}`,
  twin: '/',
} as const;

/** The upload route of village images (multipart; server/villages media upload). */
export const MEDIA_UPLOAD_URL = '/api/villages/media';
