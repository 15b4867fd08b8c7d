import { readFile } from 'node:fs/promises';
import { httpStatusForError, publicMessageForError } from '@server/api/error-map';
import { getDb } from '@server/db/client';
import { env } from '@server/env';
import { tileFileForModel } from '@server/twin/tile-files';

/** Files of a converted model's output directory: `GET /tiles/<modelId>/<path...>` (safe resolution in tile-files.ts). */
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(_req: Request, context: { params: Promise<{ modelId: string; path: string[] }> }): Promise<Response> {
  const { modelId, path } = await context.params;
  try {
    const file = await tileFileForModel(getDb(), env.TILES_DIR, modelId, path);
    const body = await readFile(file.absolutePath);
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': file.contentType,
        'Content-Length': String(file.sizeBytes),
        'Cache-Control': file.cacheControl,
        'Access-Control-Allow-Origin': '*',
      },
    });
  } catch (error) {
    return new Response(publicMessageForError(error), { status: httpStatusForError(error), headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
}
