/**
 * MIME types of stored objects by file extension: 3D Tiles files, their sources, and the usual images.
 * Unknown extensions are `application/octet-stream` (the browser then does not guess).
 * @see https://github.com/CesiumGS/3d-tiles/tree/main/specification (tileset.json, .glb, .subtree) · RFC 9110 §8.3
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.bin': 'application/octet-stream',
  '.subtree': 'application/octet-stream',
  '.b3dm': 'application/octet-stream',
  '.i3dm': 'application/octet-stream',
  '.pnts': 'application/octet-stream',
  '.cmpt': 'application/octet-stream',
  '.ifc': 'application/x-step',
  '.zip': 'application/zip',
  '.ifczip': 'application/zip',
  '.ktx2': 'image/ktx2',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.txt': 'text/plain; charset=utf-8',
};

/** The fallback MIME type. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/**
 * MIME type for a key or file name by its extension (case-insensitive), e.g. `tileset.json` → `application/json`,
 * `tiles/0.glb` → `model/gltf-binary`.
 */
export function contentTypeForKey(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return DEFAULT_CONTENT_TYPE;
  return CONTENT_TYPES[name.slice(dot).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}
