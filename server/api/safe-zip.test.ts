import { describe, expect, it } from 'vitest';
import { unsafeEntryReason } from './safe-zip';

describe('unsafeEntryReason (our own check, beside yauzl)', () => {
  it.each([
    ['../x.json', '".." segment'],
    ['a/../../x.json', '".." segment'],
    ['/etc/passwd', 'absolute path'],
    ['C:/x.json', 'absolute path'],
    ['a\\x.json', 'backslash in name'],
    ['a//x.json', 'empty or "." segment'],
    ['./x.json', 'empty or "." segment'],
    ['a\u0000.json', 'control character in name'],
    ['', 'empty name'],
    [`a/${'倾'.repeat(86)}.glb`, 'name segment longer than 255 bytes'],
  ])('refuses %j (%s)', (name, reason) => expect(unsafeEntryReason(name)).toBe(reason));

  it('accepts plain relative paths and folders', () => {
    expect(unsafeEntryReason('tiles/0/0.glb')).toBeNull();
    expect(unsafeEntryReason('倾斜摄影/tileset.json')).toBeNull();
    expect(unsafeEntryReason('tiles/')).toBeNull();
  });
});
