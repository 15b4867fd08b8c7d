import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '@kernel/errors';
import { RESERVED_SEGMENT_PREFIX } from './object-key';
import type { ObjectInfo, ObjectStore } from './object-store';
import { newPublishId } from './publish-manifest';

/** A temporary name beside `target` (`.tmp-<time>-<random>`), reserved so no key can name it. */
export function temporarySibling(target: string): string {
  return path.join(path.dirname(target), `${RESERVED_SEGMENT_PREFIX}${newPublishId()}`);
}

/**
 * Writes a stream to `target` so that `target` is either untouched or complete: into a temporary file beside it,
 * then `rename` (atomic on one file system). Parent folders are created; the temporary file is removed on failure.
 * @param transforms streams the bytes pass through on the way (e.g. a hash)
 * @throws the stream's or the file system's error
 */
export async function writeFileAtomically(body: Readable, target: string, ...transforms: NodeJS.ReadWriteStream[]): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = temporarySibling(target);
  try {
    await pipeline([body, ...transforms, createWriteStream(temporary, { flags: 'wx' })]);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * `getToFile` of both backends: the object streamed into `localPath` through {@link writeFileAtomically}.
 * @returns the object's metadata
 * @throws {NotFoundError} when there is no object under `key`; {InputError} bad key
 */
export async function downloadToFile(store: Pick<ObjectStore, 'getStream'>, key: string, localPath: string): Promise<ObjectInfo> {
  const object = await store.getStream(key);
  if (!object) throw new NotFoundError(`storage: no object ${key}`, { context: { key } });
  await writeFileAtomically(object.body, localPath);
  const { body: _body, range: _range, ...info } = object;
  return info;
}
