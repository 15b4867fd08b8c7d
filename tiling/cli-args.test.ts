import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';
import { InputError } from '@kernel/errors';

describe('parseCliArgs', () => {
  it('reads input, --out and a full placement', () => {
    const args = parseCliArgs(['a.ifc', '--out', 'o', '--lon', '115.85', '--lat', '28.69', '--height', '22.5', '--heading=-90']);
    expect(args.inputPath).toBe('a.ifc');
    expect(args.outDir).toBe('o');
    expect(args.placement).toEqual({ lonDeg: 115.85, latDeg: 28.69, heightM: 22.5, headingDeg: 270 });
    expect(args.meshopt).toBe(true);
  });

  it('recognises --help and -h without other arguments', () => {
    expect(parseCliArgs(['--help']).isHelp).toBe(true);
    expect(parseCliArgs(['-h']).isHelp).toBe(true);
    expect(parseCliArgs(['a.ifc', '--out', 'o']).isHelp).toBe(false);
  });

  it('leaves placement undefined without --lon/--lat', () => {
    expect(parseCliArgs(['a.ifc', '--out', 'o', '--no-meshopt']).placement).toBeUndefined();
    expect(parseCliArgs(['a.ifc', '--out', 'o', '--no-meshopt']).meshopt).toBe(false);
  });

  it.each([
    [['a.ifc'], /--out <dir> is required/],
    [['--out', 'o'], /exactly one input file, got 0/],
    [['a.ifc', '--out', 'o', '--lon', '115'], /--lon and --lat must be given together/],
    [['a.ifc', '--out', 'o', '--lon', 'east', '--lat', '28'], /--lon must be a number/],
    [['a.ifc', '--out', 'o', '--lon', '200', '--lat', '28'], /--lon must be ≤ 180°/],
    [['a.ifc', '--out', 'o', '--lat', '95', '--lon', '1'], /--lat must be ≤ 90°/],
    [['a.ifc', '--out', 'o', '--heading', '10'], /need --lon and --lat/],
    [['a.ifc', '--out', 'o', '--lon', '115', '--lat', 'north'], /--lat must be a number/],
    [['a.ifc', '--out', 'o', '--lon=-181', '--lat', '28'], /--lon must be ≥ −180°/],
    [['a.ifc', '--out', 'o', '--lon', '115', '--lat', '28', '--height', '12m'], /--height must be a number/],
    [['a.ifc', '--out', 'o', '--lon', '115', '--lat', '28', '--height', '9001'], /--height must be ≤ 9000 m/],
    [['a.ifc', '--out', 'o', '--lon', '115', '--lat', '28', '--height=-501'], /--height must be ≥ −500 m/],
    [['a.ifc', '--out', 'o', '--lon', '115', '--lat', '28', '--heading', 'NaN'], /--heading must be a number/],
    [['a.ifc', '--out', 'o', '--lon', '', '--lat', '28'], /--lon must be a number/],
    [['a.ifc', '--out', 'o', '--colour'], /Unknown option '--colour'/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(InputError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
