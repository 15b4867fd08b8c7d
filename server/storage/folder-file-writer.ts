import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A `writeFile(relPath, bytes)` that writes under `dir`, creating sub-folders: what the tile builders (lifelines
 * network tiles, villages scene tiles) write a build into before the object store publishes the folder whole.
 * @param dir an absolute folder (a fresh temporary one); `relPath` is a builder's own relative path (`tiles/0-0-0.glb`)
 */
export function folderFileWriter(dir: string): { writeFile(relPath: string, bytes: Uint8Array): Promise<void> } {
  return {
    async writeFile(relPath, bytes) {
      const file = path.join(dir, relPath);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
    },
  };
}
