import { describe, expect, it } from 'vitest';
import { regionOptions, regionScopePrefix, type RegionLike } from './region-options';

const REGIONS: RegionLike[] = [
  { code: '360400', name: '九江市', level: 'city', parentCode: '360000' },
  { code: '360102', name: '东湖区', level: 'county', parentCode: '360100' },
  { code: '360000', name: '江西省', level: 'province', parentCode: null },
  { code: '360403', name: '浔阳区', level: 'county', parentCode: '360400' },
  { code: '360100', name: '南昌市', level: 'city', parentCode: '360000' },
  { code: '360103', name: '西湖区', level: 'county', parentCode: '360100' },
];

describe('regionScopePrefix', () => {
  it('follows GB/T 2260 levels', () => {
    expect(regionScopePrefix('360000')).toBe('36');
    expect(regionScopePrefix('360100')).toBe('3601');
    expect(regionScopePrefix('360102')).toBe('360102');
  });
});

describe('regionOptions', () => {
  it('orders the whole province as a tree for a province admin', () => {
    expect(regionOptions(REGIONS, '360000').map((option) => `${option.depth}:${option.name}`)).toEqual([
      '0:江西省', '1:南昌市', '2:东湖区', '2:西湖区', '1:九江市', '2:浔阳区',
    ]);
  });
  it('offers a city admin only its city and counties', () => {
    expect(regionOptions(REGIONS, '360100').map((option) => option.code)).toEqual(['360100', '360102', '360103']);
  });
  it('offers a county admin only its county', () => {
    expect(regionOptions(REGIONS, '360403').map((option) => option.code)).toEqual(['360403']);
  });
});
