import { describe, expect, it } from 'vitest';
import { IfcParseError } from '../../errors';
import { decodeStepString } from './step-string';

/** Builds `\X2\…\X0\` for a string from its UTF-16 code units (upper-case hex). */
function x2(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i += 1) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `\\X2\\${hex}\\X0\\`;
}

/** Builds `\X4\…\X0\` from code points. */
function x4(text: string): string {
  let hex = '';
  for (const ch of text) hex += (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(8, '0');
  return `\\X4\\${hex}\\X0\\`;
}

describe('decodeStepString', () => {
  it('returns plain ASCII unchanged', () => {
    expect(decodeStepString('Wand-001 (Basic Wall)')).toBe('Wand-001 (Basic Wall)');
  });

  it("decodes '' to a single quote and \\\\ to one backslash", () => {
    expect(decodeStepString("it''s")).toBe("it's");
    expect(decodeStepString('C:\\\\models\\\\a.ifc')).toBe('C:\\models\\a.ifc');
  });

  it('decodes \\S\\ as the ISO 8859-1 upper half', () => {
    expect(decodeStepString('\\S\\D')).toBe('Ä'); // 'D' 0x44 + 0x80 = 0xC4
    expect(decodeStepString('Gr\\S\\|\\S\\_e')).toBe('Grüße'); // '|' 0x7C → ü 0xFC, '_' 0x5F → ß 0xDF
  });

  it('accepts \\P?\\ code page switches and keeps ISO 8859-1', () => {
    expect(decodeStepString('\\PA\\\\S\\D')).toBe('Ä');
    expect(decodeStepString('a\\PB\\b')).toBe('ab');
  });

  it('decodes \\X\\hh as one ISO 8859-1 byte', () => {
    expect(decodeStepString('\\X\\E4\\X\\F6\\X\\FC')).toBe('äöü');
    expect(decodeStepString('Ma\\X\\DF')).toBe('Maß');
  });

  it('decodes \\X2\\ CJK text exactly', () => {
    for (const name of ['南昌红谷滩示范住宅项目', '1层', '客厅', '加气混凝土砌块', 'プロジェクト番号']) {
      expect(decodeStepString(x2(name))).toBe(name);
    }
    expect(decodeStepString('\\X2\\5357660C\\X0\\')).toBe('南昌');
    expect(decodeStepString(`1${x2('层')}`)).toBe('1层');
    expect(decodeStepString(`A-07 ${x2('地块')} B`)).toBe('A-07 地块 B');
  });

  it('reads hex digits in lower, upper and mixed case alike (\\X\\, \\X2\\, \\X4\\)', () => {
    // 中 U+4E2D, 文 U+6587
    expect(decodeStepString('\\X2\\4e2d6587\\X0\\')).toBe('中文');
    expect(decodeStepString('\\X2\\4E2D6587\\X0\\')).toBe('中文');
    expect(decodeStepString('\\X2\\4e2D6587\\X0\\')).toBe('中文');
    expect(decodeStepString(`${x2('南昌红谷滩').toLowerCase().replaceAll('\\x', '\\X')} 1#`)).toBe('南昌红谷滩 1#');
    expect(decodeStepString('\\X\\e4\\X\\F6\\X\\fC')).toBe('äöü');
    expect(decodeStepString('\\X2\\d83dde00\\X0\\')).toBe('😀');
    expect(decodeStepString('\\X4\\0001f600\\X0\\\\X4\\00004e2d\\X0\\')).toBe('😀中');
    // The directives stay upper case: \x2\ is not one.
    expect(() => decodeStepString('\\x2\\4e2d\\X0\\')).toThrow(/unknown escape "\\x"/);
  });

  it('decodes \\X2\\ surrogate pairs and \\X4\\ code points beyond the BMP', () => {
    expect(decodeStepString('\\X2\\D83DDE00\\X0\\')).toBe('😀');
    expect(decodeStepString(x4('😀𠀀a'))).toBe('😀𠀀a');
    expect(decodeStepString('\\X4\\00005357\\X0\\')).toBe('南');
  });

  it('decodes a mix of all encodings in one literal', () => {
    const raw = `${x2('客厅')} it''s \\S\\D \\X\\E9 \\\\ ${x4('😀')}`;
    expect(decodeStepString(raw)).toBe("客厅 it's Ä é \\ 😀");
  });

  it('rejects odd hex digit counts, missing \\X0\\ and bad digits with IfcParseError naming the problem', () => {
    expect(() => decodeStepString('\\X2\\535\\X0\\')).toThrow(IfcParseError);
    expect(() => decodeStepString('\\X2\\535\\X0\\')).toThrow(/3 hex digits, not a multiple of 4/);
    expect(() => decodeStepString('\\X2\\5357')).toThrow(/missing its closing \\X0\\/);
    expect(() => decodeStepString('\\X4\\0001F6\\X0\\')).toThrow(/not a multiple of 8/);
    expect(() => decodeStepString('\\X2\\53G7\\X0\\')).toThrow(/non-hex digits "53G7"/);
    expect(() => decodeStepString('\\X\\E')).toThrow(/\\X\\ at offset 0 needs two hex digits, got "E"/);
    expect(() => decodeStepString('\\X\\eg')).toThrow(/needs two hex digits, got "eg"/);
    expect(() => decodeStepString('\\X2\\4e2g\\X0\\')).toThrow(/non-hex digits "4e2g"/);
    expect(() => decodeStepString('\\X2\\4e2d6587')).toThrow(/missing its closing \\X0\\/);
    expect(() => decodeStepString('\\X4\\00110000\\X0\\')).toThrow(/above U\+10FFFF/);
    expect(() => decodeStepString('\\X2\\D83D\\X0\\')).toThrow(/without low surrogate/);
    expect(() => decodeStepString('\\Q\\')).toThrow(/unknown escape/);
    expect(() => decodeStepString("it's")).toThrow(/unescaped quote/);
  });
});
