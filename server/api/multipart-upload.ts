import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import type { z } from 'zod';
import { InputError } from '@kernel/errors';
import { ZipTooLargeError } from './safe-zip';
import { describeIssues } from './zod-input';

/**
 * Receiving one `multipart/form-data` upload (text fields + one file part named `file`) without holding it in
 * memory: `busboy` streams the file straight to a new file in a given folder, with the size limit applied while
 * streaming. Used by the upload route handlers of every plate (the twin's catalogue, the review plate's parcel import).
 *
 * Notes: text fields come before the file part (a browser's FormData keeps insertion order); at most 20 fields of
 * ≤ `maxFieldBytes` (default 2 000) and one file. On any failure the partial file is deleted before the error is thrown; on success the
 * caller deletes it once the request ends.
 * @see https://github.com/mscdex/busboy
 */

/** One streamed multipart body: text fields and the stored file (`null` when the body had no file part). */
export interface ReceivedUpload {
  fields: Record<string, string>;
  file: { path: string; fileName: string } | null;
}

/**
 * Streams a multipart body to a new file in `folder` (created if missing; see notes).
 * @param maxBytes largest file part, bytes
 * @param options.maxFieldBytes largest text field, bytes of UTF-8 (default 2 000; a field of N Chinese characters
 *   takes 3 N bytes)
 * @throws {InputError} for a body that is not multipart or is malformed, extra files or fields, a field over the limit
 * @throws {ZipTooLargeError} when the file part exceeds `maxBytes` (maps to 413)
 */
export async function receiveMultipart(req: Request, folder: string, maxBytes: number, { maxFieldBytes = 2000 }: { maxFieldBytes?: number } = {}): Promise<ReceivedUpload> {
  const contentType = req.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data') || !req.body) throw new InputError('upload: send multipart/form-data with the fields and one file');
  await mkdir(folder, { recursive: true });
  const received: ReceivedUpload = { fields: {}, file: null };
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { 'content-type': contentType }, limits: { fields: 20, fieldSize: maxFieldBytes, files: 1, fileSize: maxBytes, parts: 22 } });
  } catch (error) {
    throw new InputError(`upload: ${error instanceof Error ? error.message : 'unreadable multipart header'}`);
  }
  const writes: Promise<void>[] = [];
  let failure: Error | null = null;
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) failure ??= new InputError(`upload: field ${name.slice(0, 40)} is longer than ${maxFieldBytes} bytes`);
    received.fields[name] = value;
  });
  parser.on('file', (name, stream, info) => {
    if (name !== 'file' || received.file) {
      stream.resume();
      failure ??= new InputError('upload: exactly one file part named "file" is expected');
      return;
    }
    const stored = path.join(folder, `${randomBytes(8).toString('hex')}.part`);
    received.file = { path: stored, fileName: info.filename ?? 'upload' };
    stream.on('limit', () => {
      failure ??= new ZipTooLargeError(`upload: the file exceeds the limit of ${maxBytes} bytes`);
    });
    const write = pipeline(stream, createWriteStream(stored, { flags: 'wx' }));
    // Handled here too: when the body fails first, this write rejects before anything awaits it.
    write.catch(() => undefined);
    writes.push(write);
  });
  parser.on('filesLimit', () => (failure ??= new InputError('upload: only one file per upload')));
  parser.on('fieldsLimit', () => (failure ??= new InputError('upload: too many fields')));
  try {
    await pipeline(Readable.fromWeb(req.body as NodeWebReadableStream<Uint8Array>), parser);
    await Promise.all(writes);
  } catch (error) {
    failure ??= error instanceof InputError ? error : new InputError(`upload: the multipart body could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (failure) {
    // Let a write still running end before deleting its file (else the file can be created after the delete).
    await Promise.allSettled(writes);
    if (received.file) await rm(received.file.path, { force: true });
    throw failure;
  }
  return received;
}

/** Parses the text fields with `schema` (zod). @throws {InputError} naming each bad field */
export function parseMultipartFields<S extends z.ZodType>(schema: S, fields: Record<string, string>): z.output<S> {
  const result = schema.safeParse(fields);
  if (!result.success) throw new InputError(`upload: ${describeIssues(result.error.issues)}`);
  return result.data;
}

