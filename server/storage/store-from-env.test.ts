import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '@server/env';
import { describeStore, storeFromEnv } from './store-from-env';

describe('storeFromEnv', () => {
  it('uses the local folder STORAGE_DIR unless S3_BUCKET is set', () => {
    const store = storeFromEnv(parseEnv({ STORAGE_DIR: 'some/where' }));
    expect(store.kind).toBe('local');
    expect(describeStore(store)).toBe(`local directory ${path.resolve('some/where')}`);
  });

  it('uses S3 when S3_BUCKET is set, and never names credentials (in env vars or the endpoint URL)', () => {
    const env = parseEnv({
      S3_BUCKET: 'gantwin',
      S3_ENDPOINT: 'https://user:hunter2@minio.example.gov.cn:9000/',
      S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      S3_SECRET_ACCESS_KEY: 'very-secret-key',
    });
    const store = storeFromEnv(env);
    expect(store.kind).toBe('s3');
    const line = describeStore(store);
    expect(line).toBe('S3 bucket gantwin at https://minio.example.gov.cn:9000 (region us-east-1, path-style)');
    for (const secret of ['hunter2', 'user', 'AKIAEXAMPLE', 'very-secret-key']) expect(line).not.toContain(secret);
    expect(describeStore(storeFromEnv(parseEnv({ S3_BUCKET: 'gantwin', S3_REGION: 'cn-north-1', S3_FORCE_PATH_STYLE: 'false' })))).toBe(
      'S3 bucket gantwin at AWS (region cn-north-1, virtual-hosted)',
    );
  });
});
