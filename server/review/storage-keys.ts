/** Object-store keys of the review plate (server/storage): sources by content, tilesets by submission. */

/** Object key of an uploaded source: content-addressed by its SHA-256, so the same bytes are stored once. */
export function sourceKeyOf(sha256: string, format: 'ifc' | 'ifczip'): string {
  return `review/sources/${sha256}.${format}`;
}

/** Object-store prefix under which a submission's tileset versions are published (`<prefix>/<publishId>/…`). */
export function tilesetPrefixOf(submissionId: string): string {
  return `review/tilesets/${submissionId}`;
}
