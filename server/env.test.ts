import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '@kernel/errors';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('applies defaults (paths made absolute) and treats empty values as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', TILES_DIR: '' });
    expect(env).toEqual({
      DATABASE_URL: undefined,
      DATABASE_MIGRATION_URL: undefined,
      TILES_DIR: path.resolve('.gantwin/tiles'),
      SHARED_DATA_DIR: path.resolve('../shared/data'),
      LOCAL_PG_PORT: 54329,
      NEXT_PUBLIC_DEFAULT_LOCALE: 'zh-CN',
      AUTH_SECRET: undefined,
      GANTWIN_PUBLIC_URL: undefined,
      SIGN_IN_LIMIT_PER_MINUTE: 5,
      TRUST_PROXY: 0,
      CATALOGUE_UPLOAD_MAX_BYTES: 1024 ** 3,
      REVIEW_UPLOAD_MAX_BYTES: 500 * 1024 ** 2,
      REVIEW_JOB_TIME_LIMIT_S: 1800,
      REVIEW_JOB_MEMORY_LIMIT_MB: 6144,
      REVIEW_JOB_EXPIRY_MARGIN_S: 120,
      JOB_MAINTENANCE_INTERVAL_S: 60,
      SENSORS_INGEST_MAX_READINGS: 5000,
      SENSORS_INGEST_MAX_BYTES: 1024 ** 2,
      SENSORS_INGEST_REQUESTS_PER_MINUTE: 600,
      SENSORS_FUTURE_TOLERANCE_S: 300,
      SENSORS_READING_RETENTION_MONTHS: 36,
      SENSORS_PARTITION_MONTHS_AHEAD: 3,
      MQTT_URL: undefined,
      MQTT_LOCAL_PORT: 18830,
      MQTT_CLIENT_ID: 'gantwin-ingest',
      LIFELINES_IMPORT_MAX_FEATURES: 20_000,
      LIFELINES_IMPORT_MAX_BYTES: 32 * 1024 ** 2,
      VILLAGES_MEDIA_MAX_BYTES: 25 * 1024 ** 2,
      STORAGE_DIR: path.resolve('.gantwin/storage'),
      S3_ENDPOINT: undefined,
      S3_BUCKET: undefined,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: undefined,
      S3_SECRET_ACCESS_KEY: undefined,
      S3_FORCE_PATH_STYLE: true,
    });
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(
      parseEnv({ S3_BUCKET: 'gantwin', S3_ENDPOINT: 'http://127.0.0.1:9000/', S3_FORCE_PATH_STYLE: 'false', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }),
    ).toMatchObject({ S3_BUCKET: 'gantwin', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: false, S3_REGION: 'us-east-1' });
    expect(parseEnv({ GANTWIN_PUBLIC_URL: 'https://twin.example.gov.cn/' }).GANTWIN_PUBLIC_URL).toBe('https://twin.example.gov.cn');
    expect(parseEnv({ DATABASE_URL: 'postgresql://u@127.0.0.1:5432/gantwin', LOCAL_PG_PORT: '55000' })).toMatchObject({
      DATABASE_URL: 'postgresql://u@127.0.0.1:5432/gantwin',
      LOCAL_PG_PORT: 55000,
    });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://u@host/db' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL: must be a postgres:// or postgresql:// URL'],
    [{ DATABASE_MIGRATION_URL: 'mysql://u@host/db' }, 'DATABASE_MIGRATION_URL: must be a postgres:// or postgresql:// URL'],
    [{ LOCAL_PG_PORT: '80' }, 'LOCAL_PG_PORT'],
    [{ LOCAL_PG_PORT: 'abc' }, 'LOCAL_PG_PORT'],
    [{ NEXT_PUBLIC_DEFAULT_LOCALE: 'de' }, 'NEXT_PUBLIC_DEFAULT_LOCALE'],
    [{ AUTH_SECRET: 'short' }, 'AUTH_SECRET: must be at least 32 characters'],
    [{ GANTWIN_PUBLIC_URL: 'ftp://twin.example' }, 'GANTWIN_PUBLIC_URL: must be an http:// or https:// URL'],
    [{ SIGN_IN_LIMIT_PER_MINUTE: '0' }, 'SIGN_IN_LIMIT_PER_MINUTE'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY: must be the number of trusted reverse proxies, 0-10'],
    [{ TRUST_PROXY: '11' }, 'TRUST_PROXY: must be the number of trusted reverse proxies, 0-10'],
    [{ TRUST_PROXY: '-1' }, 'TRUST_PROXY: must be the number of trusted reverse proxies, 0-10'],
    [{ S3_ENDPOINT: 'http://127.0.0.1:9000' }, 'S3_BUCKET: must be set when S3_ENDPOINT is set'],
    [{ S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }, 'S3_BUCKET: must be set when S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY is set'],
    [{ S3_BUCKET: 'gantwin', S3_ACCESS_KEY_ID: 'k' }, 'S3_SECRET_ACCESS_KEY: must be set together'],
    [{ S3_BUCKET: 'gantwin', S3_SECRET_ACCESS_KEY: 's' }, 'S3_ACCESS_KEY_ID: must be set together'],
    [{ S3_BUCKET: 'Gan_Twin' }, 'S3_BUCKET: must be an S3 bucket name'],
    [{ S3_BUCKET: 'gantwin', S3_ENDPOINT: 'ftp://minio' }, 'S3_ENDPOINT: must be an http:// or https:// URL'],
    [{ S3_BUCKET: 'gantwin', S3_FORCE_PATH_STYLE: 'yes' }, 'S3_FORCE_PATH_STYLE: must be true, false, 1 or 0'],
  ])('refuses %j with an InputError naming the variable', (source, fragment) => {
    expect(() => parseEnv(source)).toThrow(InputError);
    expect(() => parseEnv(source)).toThrow(fragment);
  });
});

describe('MQTT settings', () => {
  it('accepts mqtt:// and mqtts:// broker URLs and a client id of 1-23 safe characters, and names what is wrong otherwise', () => {
    expect(parseEnv({ MQTT_URL: 'mqtts://user:secret@broker.example.cn:8883', MQTT_CLIENT_ID: 'nc-ingest-1', MQTT_LOCAL_PORT: '18840' })).toMatchObject({ MQTT_URL: 'mqtts://user:secret@broker.example.cn:8883', MQTT_CLIENT_ID: 'nc-ingest-1', MQTT_LOCAL_PORT: 18840 });
    expect(() => parseEnv({ MQTT_URL: 'http://broker:1883' })).toThrow('MQTT_URL: must be an mqtt:// or mqtts:// URL');
    expect(() => parseEnv({ MQTT_CLIENT_ID: 'gantwin/ingest' })).toThrow('MQTT_CLIENT_ID: must be 1-23 characters');
    expect(() => parseEnv({ MQTT_LOCAL_PORT: '80' })).toThrow('MQTT_LOCAL_PORT');
  });
});
