/**
 * Datum shifts to WGS84 for the projected CRSs of the EPSG registry: which `+towgs84` to give proj4, and what to
 * tell the user when there is none.
 *
 * Notes (checked 2026 against PROJ 9.1.1 `cs2cs`/`projinfo` and its proj.db, EPSG dataset v10.076):
 * - epsg-index (built from epsg.io) writes the *raw parameters of the EPSG transformation* into `+towgs84`, in
 *   that transformation's own convention and units. proj4 (like PROJ) reads `+towgs84` as a Position Vector
 *   Helmert (EPSG method 9606) with rotations in arc-seconds and scale in ppm. Translations-only shifts
 *   (`tx,ty,tz` or zero rotations) are therefore right as written, but a 7-parameter shift is right only when
 *   EPSG's method is Position Vector in arc-seconds. EPSG:28992 (Amersfoort / RD New) is Coordinate Frame (EPSG
 *   method 9607: rotations of the opposite sign) in microradians: used as written it lands 170 m from PROJ, and
 *   with no shift at all 114 m off. Of the 64 distinct 7-parameter sets in epsg-index (881 projected CRSs),
 *   only 24 are Position Vector in arc-seconds; 32 are Coordinate Frame (one in µrad, one in radians), 2 are
 *   Position Vector in µrad or milli-arc-seconds, and 6 are Molodensky-Badekas (EPSG method 9636: rotation
 *   about a pivot point that `+towgs84` cannot hold).
 * - {@link EPSG_INDEX_HELMERT_CONVENTIONS} names, for each of those 64 parameter sets, the EPSG transformation
 *   it came from, its method and its rotation unit (identified with `projinfo -s EPSG:<crs> -t EPSG:4326`);
 *   {@link datumShiftOf} converts them to proj4's convention (EPSG Guidance Note 7-2 §4.4.3: Coordinate Frame =
 *   Position Vector with the rotations negated). Molodensky-Badekas sets keep their translations only: that is
 *   the exact shift at the pivot (near the centre of the area of use) and off by |rotation| × distance from it
 *   elsewhere (Korean 1985, 2.3″: 1 m per 90 km; Macao 1920, up to 76″: 2.3 m measured at the grid origin,
 *   6 km away); a warning says so.
 * - A 7-parameter set that is not in the table (a newer epsg-index) is used as written, with a warning giving
 *   the position difference between the two rotation conventions at the anchor.
 * - WGS84-compatible without a shift: `+datum=WGS84`, `+ellps=WGS84`, zero `+towgs84`, and datums on GRS80
 *   without `+towgs84` — the geocentric realisations (CGCS2000, ETRS89, NAD83(…), GDA94, …), which agree with
 *   WGS84 to 1–2 m (EPSG's "null" transformations). **China:** CGCS2000 (EPSG:4490 and its Gauss-Krüger zones
 *   4491–4554) agrees with WGS84 at the decimetre level (CGCS2000 is ITRF97 at epoch 2000.0; WGS84 (G1762) is
 *   within a few centimetres of ITRF2008) — no shift, no warning.
 * - Not WGS84-compatible and no shift known (the CRS's own ellipsoid is not WGS84/GRS80 and there is no
 *   `+towgs84`, e.g. Xian 1980 on IAU76, New Beijing on Krassowsky): proj4 then silently reads the local
 *   latitude/longitude as WGS84. We warn with the datum and the expected error. Measured over the 205 datums
 *   that epsg-index does give a shift for, leaving it out moves the centre of their area by 19–445 m (10th–90th
 *   percentile, median 166 m). Chinese legacy datums have no public national transformation (EPSG/PROJ have
 *   none for Xian 1980 or New Beijing); EPSG's Beijing 1954 shift (15.8, −154.4, −82.3 m, fitted for the Ordos
 *   basin) moves Nanchang by 53 m — the expected order there.
 */

import type { CrsDefinition } from './epsg-registry';

/** EPSG method of a Helmert-type transformation, as far as `+towgs84` is concerned. */
export type HelmertMethod =
  /** Position Vector (EPSG 9606): proj4's own reading of `+towgs84`. */
  | 'PV'
  /** Coordinate Frame rotation (EPSG 9607): rotations of the opposite sign. */
  | 'CF'
  /** Molodensky-Badekas (EPSG 9636): rotation about a pivot point that `+towgs84` cannot express. */
  | 'MB';

/** Unit of the rotation parameters as EPSG (and so epsg-index) gives them. */
export type RotationUnit = 'arcsec' | 'µrad' | 'rad' | 'mas';

/** Arc-seconds per rotation unit. */
const ARCSEC_PER: Readonly<Record<RotationUnit, number>> = {
  arcsec: 1,
  'µrad': 180 * 3600 / Math.PI / 1e6,
  rad: 180 * 3600 / Math.PI,
  mas: 0.001,
};

/**
 * The 7-parameter sets epsg-index 2.0.0 writes into `+towgs84`, with what they really are:
 * `[datum (EPSG WKT1 name), +towgs84 as written, EPSG transformation, method, rotation unit]`.
 * Source: PROJ 9.1.1 `projinfo -s EPSG:<crs> -t EPSG:4326 --spatial-test intersects` (EPSG dataset), matched by
 * the translation parameters; sets whose rotations are all zero need no entry.
 */
export const EPSG_INDEX_HELMERT_CONVENTIONS: ReadonlyArray<readonly [string, string, string, HelmertMethod, RotationUnit]> = [
  ['Israel 1993', '23.772,17.49,17.859,0.3132,1.85274,-1.67299,-5.4262', 'Israel 1993 to WGS 84 (2)', 'CF', 'arcsec'],
  ['European Datum 1950 1977', '-110.33,-97.73,-119.85,0.3423,1.1634,0.2715,0.063', 'ED50(ED77) to WGS 84 (1)', 'PV', 'arcsec'],
  ['WGS 72 Transit Broadcast Ephemeris', '0,0,1.9,0,0,0.814,-0.38', 'WGS 72BE to WGS 84 (1)', 'PV', 'arcsec'],
  ['Korean Datum 1985', '-145.907,505.034,685.756,-1.162,2.347,1.592,6.342', 'Korean 1985 to WGS 84 (1)', 'MB', 'arcsec'],
  ['Luxembourg Reference Frame', '-265.8867,76.9851,20.2667,0.33746,3.09264,-2.53861,0.4598', 'LUREF to WGS 84 (4)', 'MB', 'arcsec'],
  ['Pulkovo 1942 58', '2.329,-147.042,-92.08,0.309,-0.325,-0.497,5.69', 'Pulkovo 1942(58) to WGS 84 (19)', 'CF', 'arcsec'],
  ['Qornoq 1927', '163.511,127.533,-159.789,0,0,0.814,-0.6', 'Qornoq 1927 to WGS 84 (2)', 'PV', 'arcsec'],
  ['Hong Kong 1980', '-162.619,-276.959,-161.764,-0.067753,2.243648,1.158828,-1.094246', 'Hong Kong 1980 to WGS 84 (1)', 'CF', 'arcsec'],
  ['Kartastokoordinaattijarjestelma 1966', '-96.062,-82.428,-121.753,-4.801,-0.345,1.376,1.496', 'KKJ to WGS 84 (2)', 'CF', 'arcsec'],
  ['Albanian 1987', '-44.183,-0.58,-38.489,-2.3867,-2.7072,3.5196,-8.2703', 'Albanian 1987 to WGS 84 (1)', 'CF', 'arcsec'],
  ['Pulkovo 1995', '24.47,-130.89,-81.56,0,0,-0.13,-0.22', 'Pulkovo 1995 to WGS 84 (2)', 'CF', 'arcsec'],
  ['Pulkovo 1942', '25,-141,-78.5,0,-0.35,-0.736,0', 'Pulkovo 1942 to WGS 84 (16)', 'CF', 'arcsec'],
  ['Qatar National Datum 1995', '-119.4248,-303.65872,-11.00061,1.164298,0.174458,1.096259,3.657065', 'QND95 to WGS 84 (1)', 'PV', 'arcsec'],
  ['NAD83 Canadian Spatial Reference System', '-0.991,1.9072,0.5129,-1.25033e-07,-4.6785e-08,-5.6529e-08,0', 'NAD83(CSRS) to WGS 84 (2)', 'CF', 'rad'],
  ['Guadeloupe 1948', '-472.29,-5.63,-304.12,0.4362,-0.8374,0.2563,1.8984', 'Guadeloupe 1948 to WGS 84 (2)', 'PV', 'arcsec'],
  ['Martinique 1938', '126.93,547.94,130.41,-2.7867,5.1612,-0.8584,13.8227', 'Martinique 1938 to WGS 84 (2)', 'PV', 'arcsec'],
  ['Tahaa 54', '72.51,345.411,79.241,-1.5862,-0.8826,-0.5495,1.3653', 'Tahaa 54 to WGS 84 (3)', 'PV', 'arcsec'],
  ['ST71 Belep', '-480.26,-438.32,-643.429,16.3119,20.1721,-4.0349,-111.7002', 'ST71 Belep to WGS 84 (1)', 'PV', 'arcsec'],
  ['Monte Mario', '-104.1,-49.1,-9.9,0.971,-2.917,0.714,-11.68', 'Monte Mario to WGS 84 (4)', 'PV', 'arcsec'],
  ['Rikets koordinatsystem 1990', '414.1,41.3,603.1,0.855,-2.141,7.023,0', 'RT90 to WGS 84 (2)', 'CF', 'arcsec'],
  ['Helle 1954', '982.6087,552.753,-540.873,32.39344,-153.25684,-96.2266,16.805', 'Helle 1954 to WGS 84 (1)', 'PV', 'µrad'],
  ['Porto Santo 1995', '-210.502,-66.902,-48.476,-2.094,15.067,5.817,0.485', 'Porto Santo 1995 to WGS 84 (3)', 'CF', 'arcsec'],
  ['Azores Oriental Islands 1995', '-208.719,129.685,52.092,0.195,0.014,-0.327,0.198', 'Azores Oriental 1995 to WGS 84 (5)', 'CF', 'arcsec'],
  ['Azores Central Islands 1995', '-103.088,162.481,-28.276,-0.167,-0.082,-0.168,-1.504', 'Azores Central 1995 to WGS 84 (11)', 'CF', 'arcsec'],
  ['Australian Geodetic Datum 1966', '-117.808,-51.536,137.784,-0.303,-0.446,-0.234,-0.29', 'AGD66 to WGS 84 (18)', 'CF', 'arcsec'],
  ['Philippine Reference System 1992', '-127.62,-67.24,-47.04,3.068,-4.903,-1.578,-1.06', 'PRS92 to WGS 84 (1)', 'CF', 'arcsec'],
  ['Reseau Geodesique de la Polynesie Francaise', '0.072,-0.507,-0.245,0.0183,-0.0003,0.007,-0.0093', 'RGPF to WGS 84 (1)', 'PV', 'arcsec'],
  ['Estonia 1992', '0.055,-0.541,-0.185,-0.0183,0.0003,0.007,-0.014', 'EST92 to WGS 84 (1)', 'CF', 'arcsec'],
  ['IGN63 Hiva Oa', '410.793,54.542,80.501,-2.5596,-2.3517,-0.6594,17.3218', 'IGN63 Hiva Oa to WGS 84 (3)', 'PV', 'arcsec'],
  ['Fatu Iva 72', '347.175,1077.618,2623.677,33.9058,-70.6776,9.4013,186.0647', 'Fatu Iva 72 to WGS 84 (2)', 'PV', 'arcsec'],
  ['Tahiti 79', '221.597,152.441,176.523,2.403,1.3893,0.884,11.4648', 'Tahiti 79 to WGS 84 (2)', 'PV', 'arcsec'],
  ['Moorea 87', '218.769,150.75,176.75,3.5231,2.0037,1.288,10.9817', 'Moorea 87 to WGS 84 (2)', 'PV', 'arcsec'],
  ['Maupiti 83', '217.109,86.452,23.711,0.0183,-0.0003,0.007,-0.0093', 'Maupiti 83 to WGS 84 (2)', 'PV', 'arcsec'],
  ['Vietnam 2000', '-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278', 'VN-2000 to WGS 84 (2)', 'CF', 'arcsec'],
  ['PDO Survey Datum 1993', '-180.624,-225.516,173.919,-0.81,-1.898,8.336,16.71006', 'PSD93 to WGS 84 (1)', 'PV', 'arcsec'],
  ['Fiji Geodetic Datum 1986', '0,0,4.5,0,0,0.554,0.2263', 'Fiji 1986 to WGS 84 (1)', 'PV', 'arcsec'],
  ['Bermuda 1957', '-292.295,248.758,429.447,-4.9971,-2.99,-6.6906,1.0289', 'Bermuda 1957 to WGS 84 (2)', 'CF', 'arcsec'],
  ['Katanga 1955', '-102.283,-10.277,-257.396,-3.976,-0.002,-6.203,12.315', 'Katanga 1955 to WGS 84 (2)', 'MB', 'arcsec'],
  ['Lisbon 1937', '-288.885,-91.744,126.244,1.691,-0.41,0.211,-4.598', 'Lisbon to WGS 84 (4)', 'CF', 'arcsec'],
  ['Sri Lanka Datum 1999', '-0.293,766.95,87.713,-0.195704,-1.695068,-3.473016,-0.039338', 'SLD99 to WGS 84 (1)', 'CF', 'arcsec'],
  ['Costa Rica 2005', '-0.16959,0.35312,0.51846,-0.03385,0.16325,-0.03446,0.03693', 'CR05 to WGS 84 (2)', 'CF', 'arcsec'],
  ['Chatham Islands Datum 1979', '174.05,-25.49,112.57,0,0,-0.554,0.2263', 'CI1979 to WGS 84 (1)', 'CF', 'arcsec'],
  ['Deutsche Bahn Reference System', '584.9636,107.7175,413.8067,-1.1155,-0.2824,3.1384,7.9922', 'DB_REF to ETRS89 (1)', 'CF', 'arcsec'],
  ['Grand Cayman Geodetic Datum 1959', '-179.483,-69.379,-27.584,7.862,-8.163,-6.042,-13.925', 'GCGD59 to WGS 84 (2)', 'CF', 'arcsec'],
  ['Sister Islands Geodetic Datum 1961', '8.853,-52.644,180.304,0.393,2.323,-2.96,-24.081', 'SIGD61 to WGS 84 (3)', 'CF', 'arcsec'],
  ['Cyprus Geodetic Reference System 1993', '8.846,-4.394,-1.122,0.00237,0.146528,-0.130428,0.783926', 'CGRS93 to WGS 84 (1)', 'CF', 'arcsec'],
  ['South East Island 1943', '-76.269,-16.683,68.562,-6.275,10.536,-4.286,-13.686', 'South East Island 1943 to WGS 84 (2)', 'PV', 'arcsec'],
  ['Palestine 1923', '-275.7224,94.7824,340.8944,-8.001,-4.42,-11.821,1', 'Palestine 1923 to WGS 84 (1)', 'PV', 'arcsec'],
  ['System of the Unified Trigonometrical Cadastral Network JTSK03', '485.021,169.465,483.839,-7.786342,-4.397554,-4.102655,0', 'S-JTSK [JTSK03] to WGS 84 (1)', 'CF', 'arcsec'],
  ['Macao 1920', '-202.865,-303.99,-155.873,-34.079,76.126,32.66,6.096', 'Macao 1920 to WGS 84 (1)', 'MB', 'arcsec'],
  ['Militar-Geographische Institut', '577.326,90.129,463.919,5.137,1.474,5.297,2.4232', 'MGI to WGS 84 (3)', 'PV', 'arcsec'],
  ['Kingdom of Saudi Arabia Geodetic Reference Frame 2017', '0,0,0,-8.393,0.749,-10.276,0', 'KSA-GRF17 to WGS 84 (1)', 'PV', 'mas'],
  ['Egypt 1907', '-127.535,113.495,-12.7,1.603747,-0.153612,-5.364408,5.33745', 'Egypt 1907 to WGS 84 (4)', 'MB', 'arcsec'],
  ['Indonesian Datum 1974', '-1.977,-13.06,-9.993,-0.364,-0.254,-0.689,-1.037', 'ID74 to WGS 84 (3)', 'CF', 'arcsec'],
  ['Indian 1975', '293,836,318,0.5,1.6,-2.8,2.1', 'Indian 1975 to WGS 84 (4)', 'PV', 'arcsec'],
  ['Jamaica 1969', '-33.722,153.789,94.959,8.581,4.478,-4.54,8.95', 'JAD69 to WGS 84 (3)', 'CF', 'arcsec'],
  ['La Canoa', '-270.933,115.599,-360.226,-5.266,-1.238,2.381,-5.109', 'La Canoa to WGS 84 (13)', 'MB', 'arcsec'],
  ['Datum 73', '-239.749,88.181,30.488,-0.263,-0.082,-1.211,2.229', 'Datum 73 to WGS 84 (4)', 'CF', 'arcsec'],
  ['Amersfoort', '565.4171,50.3319,465.5524,1.9342,-1.6677,9.1019,4.0725', 'Amersfoort to WGS 84 (4)', 'CF', 'µrad'],
  ['OSNI 1952', '482.5,-130.6,564.6,-1.042,-0.214,-0.631,8.15', 'OSNI 1952 to WGS 84 (1)', 'PV', 'arcsec'],
  ['Nord Sahara 1959', '-209.3622,-87.8162,404.6198,0.0046,3.4784,0.5805,-1.4547', 'Nord Sahara 1959 to WGS 84 (9)', 'PV', 'arcsec'],
  ['Reseau National Belge 1972', '-106.8686,52.2978,-103.7239,-0.3366,0.457,-1.8422,-1.2747', 'BD72 to WGS 84 (3)', 'CF', 'arcsec'],
  ['Kuwait Utility', '226.702,-193.337,-35.371,2.229,4.391,-9.238,0.9798', 'Kudams to WGS 84 (2)', 'CF', 'arcsec'],
  ['World Geodetic System 1972', '0,0,4.5,0,0,0.554,0.219', 'WGS 72 to WGS 84 (2)', 'PV', 'arcsec'],
];

const CONVENTION_BY_TOWGS84 = new Map(EPSG_INDEX_HELMERT_CONVENTIONS.map((row) => [row[1], row]));

/** How a CRS's datum relates to WGS84, and what proj4 should be given. */
export interface DatumShift {
  /**
   * - `wgs84-compatible`: no shift needed (WGS84, GRS80 geocentric datums such as CGCS2000 and ETRS89, a zero shift)
   * - `shift`: a known shift is applied (`towgs84` in proj4's Position Vector / arc-second convention)
   * - `ambiguous-shift`: a 7-parameter shift of unknown convention, applied as written (`alternativeTowgs84` is the other reading)
   * - `no-shift`: not WGS84-compatible, and no shift is known
   */
  kind: 'wgs84-compatible' | 'shift' | 'ambiguous-shift' | 'no-shift';
  /** Datum name for messages (EPSG WKT1 name with spaces), or the ellipsoid when the registry has no datum name. */
  datum: string;
  /** The `+towgs84` value to run (proj4 Position Vector convention), or null to leave the definition as it is. */
  towgs84: string | null;
  /** The opposite rotation convention of an `ambiguous-shift`, for measuring the ambiguity; null otherwise. */
  alternativeTowgs84: string | null;
  /** Warnings for the report (empty when the shift is known and exact to the EPSG transformation's accuracy). */
  warnings: string[];
}

/** Ellipsoids (proj4 `+ellps=` / `+datum=`) whose datums without `+towgs84` are geocentric, i.e. WGS84-compatible. */
const GEOCENTRIC = /\+(datum=(WGS84|NAD83)|ellps=(WGS84|GRS80))\b/;

const CHINESE_LEGACY = /^(xian 1980|new beijing|beijing 1954)$/i;

/**
 * Decides the datum shift of an EPSG CRS definition for proj4.
 *
 * @param definition the registry entry (proj4 string, EPSG code and name, datum name when known)
 * @returns kind, the `+towgs84` value to use (null: keep the definition), and warnings naming the datum and the
 *   expected error where the shift is missing or uncertain
 * @see EPSG Guidance Note 7-2 (IOGP 373-7-2) §4.4.3 "Helmert 7-parameter transformations" (Position Vector
 *   9606 vs Coordinate Frame 9607) and §4.4.5 (Molodensky-Badekas 9636); PROJ `+towgs84`
 */
export function datumShiftOf(definition: CrsDefinition): DatumShift {
  const proj = definition.proj4;
  const ellipsoid = /\+(?:ellps|datum)=(\S+)/.exec(proj)?.[1] ?? (/\+a=(\S+)/.exec(proj) ? `a=${/\+a=(\S+)/.exec(proj)?.[1]}` : 'unknown ellipsoid');
  const datum = definition.datum ? definition.datum.replace(/_/g, ' ') : `on ${ellipsoid}`;
  const where = `EPSG:${definition.epsg} (${definition.name})`;
  const written = /\+towgs84=(\S+)/.exec(proj)?.[1] ?? null;
  if (written === null) {
    if (GEOCENTRIC.test(proj) || /\+nadgrids=/.test(proj)) {
      // Grids are handled by resolveProjectedCrs (a fallback Helmert or an error).
      return { kind: 'wgs84-compatible', datum, towgs84: null, alternativeTowgs84: null, warnings: [] };
    }
    const expected = CHINESE_LEGACY.test(datum)
      ? 'expect tens of metres (≈ 50 m around Nanchang; no public national transformation exists — export in CGCS2000, EPSG:4490/4491–4554, or ask the survey bureau for local parameters)'
      : 'expect tens to hundreds of metres (classical datums lie 19–445 m from WGS84, median 166 m)';
    return {
      kind: 'no-shift',
      datum,
      towgs84: null,
      alternativeTowgs84: null,
      warnings: [`georef: ${where} is on datum ${datum} (${ellipsoid}), which is not WGS84-compatible, and no datum shift to WGS84 is known; its latitude/longitude are used as WGS84: ${expected}`],
    };
  }
  const p = written.split(',').map(Number);
  if (p.some((v) => !Number.isFinite(v)) || (p.length !== 3 && p.length !== 7)) {
    return {
      kind: 'no-shift',
      datum,
      towgs84: null,
      alternativeTowgs84: null,
      warnings: [`georef: ${where} has an unreadable +towgs84=${written}; the shift is ignored (expect tens to hundreds of metres of error)`],
    };
  }
  if (p.every((v) => v === 0)) return { kind: 'wgs84-compatible', datum, towgs84: null, alternativeTowgs84: null, warnings: [] };
  if (p.length === 3 || (p[3] === 0 && p[4] === 0 && p[5] === 0)) {
    return { kind: 'shift', datum, towgs84: written, alternativeTowgs84: null, warnings: [] };
  }
  const known = CONVENTION_BY_TOWGS84.get(written);
  const rotations = (sign: number, unit: RotationUnit) => p.slice(3, 6).map((r) => round12(sign * r * ARCSEC_PER[unit]));
  if (!known) {
    return {
      kind: 'ambiguous-shift',
      datum,
      towgs84: written,
      alternativeTowgs84: [...p.slice(0, 3), ...rotations(-1, 'arcsec'), p[6]].join(','),
      warnings: [],
    };
  }
  const [, , transformation, method, unit] = known;
  if (method === 'MB') {
    return {
      kind: 'shift',
      datum,
      towgs84: p.slice(0, 3).join(','),
      alternativeTowgs84: null,
      warnings: [
        `georef: ${where}: the datum shift "${transformation}" is a Molodensky-Badekas transformation whose pivot point the EPSG index lacks; applied its translations only (exact at the pivot; elsewhere off by the rotation × the distance from it, metres)`,
      ],
    };
  }
  const towgs84 = [...p.slice(0, 3), ...rotations(method === 'CF' ? -1 : 1, unit), p[6]].join(',');
  return { kind: 'shift', datum, towgs84, alternativeTowgs84: null, warnings: [] };
}

/** Rounds a converted rotation to 12 significant digits (no 0.39895738824313403-style noise in the string). */
function round12(v: number): number {
  return Number(v.toPrecision(12));
}
