import { InputError } from '@kernel/errors';
import { describeInput } from '@kernel/zod-fields';

/**
 * Checks the URL of a registered catalogue service (资源目录 registration) and derives the origins the browser will
 * contact, for the twin page's Content-Security-Policy. Pure code: the server never fetches a registered URL (no
 * server-side request forgery surface), the browser does.
 *
 * Notes:
 * - Templates are checked on the raw text: `new URL()` would percent-encode `{` in paths. Each placeholder is replaced
 *   by a sample value (`{z}` → `0`, `{s}` → the first subdomain) and the result must parse as an absolute `http:` or
 *   `https:` URL without user info. Any placeholder a kind does not know is refused (a typo such as `{zoom}` would
 *   otherwise send literal braces to the service).
 * - The host may hold only the `{s}` placeholder (天地图 `t{s}.tianditu.gov.cn`, subdomains 0–7); every subdomain
 *   becomes one origin, so the policy lists hosts, never wildcards.
 * - IPv6 literal hosts are refused: CSP3's host-source grammar has no IPv6 form (§2.3.1).
 * - A 天地图 key travels as a query parameter (`tk=…`): it is sent to every browser that shows the layer, as 天地图
 *   requires (it is a browser key bound to the department's domain, not a secret).
 * @see OGC 07-057r7 §10.2 (WMTS RESTful template); https://www.w3.org/TR/CSP3/#grammardef-host-source
 */

/** Longest accepted service URL, characters (天地图 WMTS KVP templates with a key are ≈ 250). */
export const MAX_SERVICE_URL_CHARS = 2048;
/** Most subdomains a layer may list (each one is an origin in the policy). */
export const MAX_SUBDOMAINS = 16;
/** A subdomain label substituted for `{s}` (RFC 1035 label, lower-case). */
export const SUBDOMAIN_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** How a registered URL addresses its data. */
export type ServiceUrlForm = 'xyz' | 'tms' | 'wmts' | 'terrain' | 'tileset' | 'geojson';

/** Placeholders each form accepts, with the sample value used to check the URL's syntax. */
const PLACEHOLDERS: Record<ServiceUrlForm, Readonly<Record<string, string>>> = {
  xyz: { z: '0', x: '0', y: '0', '-y': '0', reverseY: '0', s: '' },
  tms: {},
  wmts: { TileMatrix: '0', TileRow: '0', TileCol: '0', tilematrix: '0', tilerow: '0', tilecol: '0', TileMatrixSet: 'w', Style: 'default', style: 'default', layer: 'l', s: '' },
  terrain: {},
  tileset: {},
  geojson: {},
};

/** Placeholders each form must contain (either spelling CesiumJS accepts). */
const REQUIRED: Record<ServiceUrlForm, readonly (readonly string[])[]> = {
  xyz: [['z'], ['x'], ['y', '-y', 'reverseY']],
  tms: [],
  wmts: [['TileMatrix', 'tilematrix'], ['TileRow', 'tilerow'], ['TileCol', 'tilecol']],
  terrain: [],
  tileset: [],
  geojson: [],
};

/** What a checked service URL yields. */
export interface CheckedServiceUrl {
  /** The URL as given (trimmed), placeholders kept. */
  url: string;
  /** Every origin the browser will contact (`https://t0.tianditu.gov.cn`, …), deduplicated, in subdomain order. */
  origins: string[];
}

const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\s]/;

/**
 * Checks a registered service URL (see module notes).
 * @param form how the URL addresses data: `xyz` needs `{z}`, `{x}`, `{y}` (or `{-y}`/`{reverseY}`); `wmts` needs
 *   `{TileMatrix}`, `{TileRow}`, `{TileCol}`; `tms`/`terrain`/`tileset`/`geojson` are plain URLs (a `tileset` URL must
 *   end in `.json`: the tileset.json)
 * @param rawUrl the URL the admin entered
 * @param subdomains values of `{s}` (required when the URL holds `{s}`, refused otherwise)
 * @returns the trimmed URL and the origins it reaches
 * @throws {InputError} naming the problem: empty or too long, spaces or control characters, a scheme other than
 *   `http:`/`https:` (`javascript:`, `data:`, `file:` …), user info (`user:pass@`), an unknown or missing placeholder,
 *   a placeholder in the host other than `{s}`, an IPv6 host, bad subdomains
 */
export function checkServiceUrl(form: ServiceUrlForm, rawUrl: string, subdomains: readonly string[] = []): CheckedServiceUrl {
  const url = rawUrl.trim();
  const fail = (reason: string): never => {
    throw new InputError(`url: ${reason}, got ${describeInput(url)}`, { context: { form } });
  };
  if (url.length === 0) fail('must not be empty');
  if (url.length > MAX_SERVICE_URL_CHARS) throw new InputError(`url: must be at most ${MAX_SERVICE_URL_CHARS} characters, got ${url.length}`);
  if (CONTROL_OR_SPACE.test(url)) fail('must not contain spaces or control characters');
  if (!/^https?:\/\//i.test(url)) fail('must start with https:// or http://');
  const known = PLACEHOLDERS[form];
  const found = [...url.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]);
  if (/[{}]/.test(url.replace(/\{[^{}]*\}/g, ''))) fail('has an unbalanced { or }');
  for (const name of found) if (!Object.hasOwn(known, name)) fail(`placeholder {${name}} is not one of ${Object.keys(known).map((k) => `{${k}}`).join(' ') || '(none for this kind)'}`);
  for (const alternatives of REQUIRED[form]) {
    if (!alternatives.some((name) => found.includes(name))) fail(`must contain {${alternatives[0]}}`);
  }
  const usesSubdomains = found.includes('s');
  if (usesSubdomains && subdomains.length === 0) fail('uses {s} but no subdomains are given');
  if (!usesSubdomains && subdomains.length > 0) throw new InputError('subdomains: given, but the url has no {s}');
  if (subdomains.length > MAX_SUBDOMAINS) throw new InputError(`subdomains: at most ${MAX_SUBDOMAINS}, got ${subdomains.length}`);
  for (const sub of subdomains) {
    if (!SUBDOMAIN_PATTERN.test(sub)) throw new InputError(`subdomains: each must be a lower-case DNS label, got ${describeInput(sub)}`);
  }
  const authorityEnd = url.indexOf('/', url.indexOf('//') + 2);
  const authority = url.slice(url.indexOf('//') + 2, authorityEnd === -1 ? undefined : authorityEnd);
  if (/\{(?!s\})/.test(authority)) fail('the host may contain only the {s} placeholder');
  if (authority.includes('@')) fail('must not carry a user name or password (user:pass@)');
  if (authority.includes('[')) fail('IPv6 hosts cannot be listed in a Content-Security-Policy; use a host name');
  const origins: string[] = [];
  for (const sub of usesSubdomains ? subdomains : ['']) {
    const sample = url.replace(/\{([^{}]*)\}/g, (_, name: string) => (name === 's' ? sub : known[name]));
    let parsed: URL;
    try {
      parsed = new URL(sample);
    } catch {
      return fail('is not a valid URL');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') fail('must use https: or http:');
    if (parsed.username || parsed.password) fail('must not carry a user name or password (user:pass@)');
    if (!/^[a-z0-9.-]+$/.test(parsed.hostname) || parsed.hostname.startsWith('.') || parsed.hostname.endsWith('.')) fail('has a host that is not a plain DNS name or IPv4 address');
    if (parsed.hash) fail('must not contain a #fragment');
    if (form === 'tileset' && !parsed.pathname.toLowerCase().endsWith('.json')) fail('must point at the tileset JSON (…/tileset.json)');
    if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
  }
  return { url, origins };
}

/**
 * The origins of a stored layer's URL for the CSP, or `[]` when it is same-origin (a path such as `/api/geo/…`) or
 * no longer passes {@link checkServiceUrl} (never widens the policy with something unchecked).
 * @param url the layer's `url`
 * @param subdomains the layer's `options.subdomains`, if any
 */
export function originsOfLayerUrl(url: string, subdomains: readonly string[] | undefined): string[] {
  if (!/^https?:\/\//i.test(url)) return [];
  const form: ServiceUrlForm = /\{(TileMatrix|tilematrix)\}/.test(url) ? 'wmts' : /\{z\}/.test(url) ? 'xyz' : 'geojson';
  try {
    return checkServiceUrl(form, url, subdomains ?? []).origins;
  } catch {
    return [];
  }
}
