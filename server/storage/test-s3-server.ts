import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StorageEnv } from './store-from-env';

/**
 * A real S3-compatible server for tests: s3rver (dev dependency) in a child process on 127.0.0.1, a free port and
 * a fresh temporary folder, with one bucket. It checks SigV4 signatures with the fixed key `S3RVER`/`S3RVER`.
 *
 * Notes: s3rver 3.7.1 encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node ≥ 17) has only
 * in its legacy provider: without it every truncated listing answers 500 `ERR_OSSL_EVP_UNSUPPORTED`. So the
 * server runs in its own Node process started with `--openssl-legacy-provider` (the test process and the product
 * stay on default OpenSSL). The child also keeps s3rver's memory out of the test process's heap, and exits when
 * its stdin closes, so a crashed test run leaves no server behind. No network beyond loopback is used.
 */

/** A running test server. */
export interface TestS3Server {
  /** Env-shaped configuration for {@link storeFromEnv} (`STORAGE_DIR` is unused: S3 is on). */
  env: StorageEnv;
  /** Stops the server and removes its folder. */
  stop: () => Promise<void>;
}

/** The access key s3rver accepts. */
export const S3RVER_KEY = 'S3RVER';

const CHILD_SCRIPT = `
const S3rver = require(process.argv[1]);
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: process.argv[2], configureBuckets: [{ name: process.argv[3], configs: [] }] });
server.run().then(({ port }) => process.stdout.write(JSON.stringify({ port }) + '\\n'), (e) => { console.error(e); process.exit(1); });
process.stdin.on('end', () => server.close().finally(() => process.exit(0)));
process.stdin.resume();
`;

/**
 * Starts s3rver with one bucket.
 * @param bucket bucket name (default `gantwin-test`)
 * @returns its env-shaped configuration and a stop function; start within 10 s or throws
 */
export async function startTestS3Server(bucket = 'gantwin-test'): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(tmpdir(), 'gantwin-s3rver-'));
  const s3rverMain = createRequire(import.meta.url).resolve('s3rver');
  const flags = process.allowedNodeEnvironmentFlags.has('--openssl-legacy-provider') ? ['--openssl-legacy-provider'] : [];
  const child = spawn(process.execPath, [...flags, '-e', CHILD_SCRIPT, s3rverMain, directory, bucket], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('test-s3-server: s3rver did not start within 10 s')), 10_000);
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const line = buffered.split('\n')[0];
      if (buffered.includes('\n')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.on('exit', (code) => reject(new Error(`test-s3-server: s3rver exited with ${code}`)));
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(directory, { recursive: true, force: true });
  };
  return {
    env: {
      STORAGE_DIR: path.join(directory, 'unused-local-dir'),
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: S3RVER_KEY,
      S3_SECRET_ACCESS_KEY: S3RVER_KEY,
      S3_FORCE_PATH_STYLE: true,
    },
    stop,
  };
}
