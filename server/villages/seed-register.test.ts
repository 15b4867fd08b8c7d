import { describe, expect, it } from 'vitest';
import { parseVillageRegister } from './seed-register';

const HEADER = 'code,name,town_code,town,county_code,county,city_code,city';

describe('parseVillageRegister', () => {
  it('reads rows with pinyin keys', () => {
    const rows = parseVillageRegister(`${HEADER}\n361130102204,李坑村委会,361130102,秋口镇,361130,婺源县,3611,上饶市\n`);
    expect(rows).toEqual([
      { code: '361130102204', name: '李坑村委会', townCode: '361130102', town: '秋口镇', countyCode: '361130', county: '婺源县', cityCode: '3611', city: '上饶市', pinyin: 'likengcunweihui', initials: 'lkcwh' },
    ]);
  });
  it('refuses a wrong header, a quoted field, a short row and codes that do not nest', () => {
    expect(() => parseVillageRegister('code,name\n')).toThrow(/header must be/);
    expect(() => parseVillageRegister(`${HEADER}\n361130102204,"李坑",361130102,秋口镇,361130,婺源县,3611,上饶市`)).toThrow(/line 2: expected 8 unquoted fields/);
    expect(() => parseVillageRegister(`${HEADER}\n361130102204,李坑村委会,361130102`)).toThrow(/line 2: expected 8/);
    expect(() => parseVillageRegister(`${HEADER}\n361130102204,李坑村委会,361130999,秋口镇,361130,婺源县,3611,上饶市`)).toThrow(/does not nest/);
    expect(() => parseVillageRegister(`${HEADER}\n12345,李坑村委会,361130102,秋口镇,361130,婺源县,3611,上饶市`)).toThrow(/malformed codes/);
  });
});
