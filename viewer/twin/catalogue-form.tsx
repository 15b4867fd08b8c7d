/**
 * The resource catalogue's form (资源目录): register a service (imagery XYZ/TMS/WMTS, quantized-mesh terrain, external
 * 3D Tiles, GeoJSON URL) or upload a 3D Tiles zip or a vector file with its declared CRS, with the catalogue entry's
 * metadata (titles, CIM level, region, visibility, attribution, default on/off, order). Renders and emits only: the
 * page sends `twin.catalogue.register` or posts the upload, and the server checks everything again.
 */
import { useState, type FormEvent } from 'react';
import { createTranslator, type Locale } from '@viewer/core/i18n';
import { CATALOGUE_MESSAGES } from './catalogue-messages';

/** A region the admin may choose (own region and those inside it), with its tree depth for indenting. */
export interface CatalogueRegionOption {
  code: string;
  name: string;
  depth: number;
}

/** The kinds a service can be registered as. */
export type RegisteredKind = 'imagery' | 'terrain' | 'external-tileset' | 'geojson';

/** The metadata every registered or uploaded layer has (the shape of the server's `layerMetadataFields`). */
export interface CatalogueMetadata {
  title: string;
  titleEn: string;
  cimLevel: number | null;
  regionCode: string;
  visibility: 'public' | 'internal';
  attribution: string;
  defaultVisible: boolean;
  sortOrder: number;
}

/** A registration as `twin.catalogue.register` takes it. */
export type CatalogueRegistration = CatalogueMetadata &
  (
    | {
        kind: 'imagery';
        url: string;
        options: { scheme: 'xyz' | 'tms' | 'wmts'; subdomains?: string[]; tilingScheme?: 'webmercator' | 'geographic'; maximumLevel?: number; layer?: string; tileMatrixSetId?: string };
      }
    | { kind: 'terrain'; url: string; options: null }
    | { kind: 'external-tileset'; url: string; options: { heightOffsetM?: number } | null }
    | { kind: 'geojson'; url: string; stroke?: string }
  );

/** What the form submits. */
export type CatalogueSubmission =
  | { mode: 'register'; registration: CatalogueRegistration }
  | { mode: 'tileset' | 'vector'; fields: Record<string, string>; file: File };

/** Props of {@link CatalogueForm}. */
export interface CatalogueFormProps {
  locale: Locale;
  regions: readonly CatalogueRegionOption[];
  busy: boolean;
  /** The last failure (server message), or null. */
  error: string | null;
  /** The last success message, or null. */
  notice: string | null;
  onSubmit(submission: CatalogueSubmission): void;
}

/** CRS choices of a vector upload: GCJ-02, geographic, then the CGCS2000 Gauss-Krüger families (EPSG). */
export const VECTOR_CRS_CHOICES: readonly { value: string; label: string }[] = [
  { value: '4490', label: 'EPSG:4490 CGCS2000' },
  { value: '4326', label: 'EPSG:4326 WGS 84' },
  ...Array.from({ length: 21 }, (_, i) => ({ value: String(4534 + i), label: `EPSG:${4534 + i} CGCS2000 3° GK CM ${75 + 3 * i}°E` })),
  ...Array.from({ length: 21 }, (_, i) => ({ value: String(4513 + i), label: `EPSG:${4513 + i} CGCS2000 3° GK zone ${25 + i}` })),
  ...Array.from({ length: 11 }, (_, i) => ({ value: String(4502 + i), label: `EPSG:${4502 + i} CGCS2000 6° GK CM ${75 + 6 * i}°E` })),
  ...Array.from({ length: 11 }, (_, i) => ({ value: String(4491 + i), label: `EPSG:${4491 + i} CGCS2000 6° GK zone ${13 + i}` })),
];

type Mode = CatalogueSubmission['mode'];

const INDENT = '\u3000';

/** The form (see module doc). Remount it (React `key`) to clear it. */
export function CatalogueForm({ locale, regions, busy, error, notice, onSubmit }: CatalogueFormProps) {
  const t = createTranslator(CATALOGUE_MESSAGES, locale);
  const [mode, setMode] = useState<Mode>('register');
  const [kind, setKind] = useState<RegisteredKind>('imagery');
  const [scheme, setScheme] = useState<'xyz' | 'tms' | 'wmts'>('xyz');
  const [url, setUrl] = useState('');
  const [subdomains, setSubdomains] = useState('');
  const [tilingScheme, setTilingScheme] = useState<'webmercator' | 'geographic'>('webmercator');
  const [maximumLevel, setMaximumLevel] = useState('');
  const [wmtsLayer, setWmtsLayer] = useState('');
  const [tileMatrixSet, setTileMatrixSet] = useState('');
  const [heightOffset, setHeightOffset] = useState('');
  const [stroke, setStroke] = useState('#ff7a45');
  const [crs, setCrs] = useState('gcj02');
  const [file, setFile] = useState<File | null>(null);
  const [meta, setMeta] = useState<CatalogueMetadata>({
    title: '',
    titleEn: '',
    cimLevel: 1,
    regionCode: regions[0]?.code ?? '',
    visibility: 'internal',
    attribution: '',
    defaultVisible: true,
    sortOrder: 1000,
  });
  const regionCode = meta.regionCode || regions[0]?.code || '';
  const set = <K extends keyof CatalogueMetadata>(key: K, value: CatalogueMetadata[K]) => setMeta((previous) => ({ ...previous, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const metadata = { ...meta, regionCode, title: meta.title.trim(), titleEn: meta.titleEn.trim(), attribution: meta.attribution.trim() };
    if (mode !== 'register') {
      if (!file) return;
      const fields: Record<string, string> = {
        title: metadata.title,
        titleEn: metadata.titleEn,
        cimLevel: metadata.cimLevel === null ? '' : String(metadata.cimLevel),
        regionCode: metadata.regionCode,
        visibility: metadata.visibility,
        attribution: metadata.attribution,
        defaultVisible: String(metadata.defaultVisible),
        sortOrder: String(metadata.sortOrder),
        ...(mode === 'vector' ? { crs, stroke } : {}),
      };
      onSubmit({ mode, fields, file });
      return;
    }
    const trimmedUrl = url.trim();
    let registration: CatalogueRegistration;
    if (kind === 'imagery') {
      const list = subdomains.split(',').map((s) => s.trim()).filter(Boolean);
      registration = {
        ...metadata,
        kind,
        url: trimmedUrl,
        options: {
          scheme,
          ...(list.length ? { subdomains: list } : {}),
          ...(tilingScheme !== 'webmercator' ? { tilingScheme } : {}),
          ...(maximumLevel !== '' ? { maximumLevel: Number(maximumLevel) } : {}),
          ...(scheme === 'wmts' && wmtsLayer.trim() ? { layer: wmtsLayer.trim() } : {}),
          ...(scheme === 'wmts' && tileMatrixSet.trim() ? { tileMatrixSetId: tileMatrixSet.trim() } : {}),
        },
      };
    } else if (kind === 'terrain') registration = { ...metadata, kind, url: trimmedUrl, options: null };
    else if (kind === 'external-tileset') registration = { ...metadata, kind, url: trimmedUrl, options: heightOffset !== '' ? { heightOffsetM: Number(heightOffset) } : null };
    else registration = { ...metadata, kind, url: trimmedUrl, stroke };
    onSubmit({ mode: 'register', registration });
  };

  const hintKey = kind === 'imagery' ? (`field.urlHint.${scheme}` as const) : (`field.urlHint.${kind}` as const);
  return (
    <form className="gt-panel gt-catalogue-form" onSubmit={submit} data-testid="catalogue-form" style={{ padding: 12 }}>
      <div className="gt-catalogue-tabs" role="group" aria-label={t('page.title')}>
        {(['register', 'tileset', 'vector'] as const).map((candidate) => (
          <button key={candidate} type="button" className="gt-button gt-button--small" aria-pressed={mode === candidate} onClick={() => setMode(candidate)} data-testid={`catalogue-mode-${candidate}`}>
            {t(`mode.${candidate}`)}
          </button>
        ))}
      </div>
      <fieldset>
        <legend>{t('section.service')}</legend>
        {mode === 'register' ? (
          <>
            <label>
              {t('field.kind')}
              <select name="kind" value={kind} onChange={(event) => setKind(event.currentTarget.value as RegisteredKind)}>
                {(['imagery', 'terrain', 'external-tileset', 'geojson'] as const).map((value) => (
                  <option key={value} value={value}>
                    {t(`kind.${value}`)}
                  </option>
                ))}
              </select>
            </label>
            {kind === 'imagery' ? (
              <div className="gt-catalogue-form__row">
                <label>
                  {t('field.scheme')}
                  <select name="scheme" value={scheme} onChange={(event) => setScheme(event.currentTarget.value as typeof scheme)}>
                    <option value="xyz">XYZ</option>
                    <option value="tms">TMS</option>
                    <option value="wmts">WMTS</option>
                  </select>
                </label>
                <label>
                  {t('field.tilingScheme')}
                  <select name="tilingScheme" value={tilingScheme} onChange={(event) => setTilingScheme(event.currentTarget.value as typeof tilingScheme)}>
                    <option value="webmercator">{t('field.tilingScheme.webmercator')}</option>
                    <option value="geographic">{t('field.tilingScheme.geographic')}</option>
                  </select>
                </label>
              </div>
            ) : null}
            <label>
              {t('field.url')}
              <input type="url" name="url" required maxLength={2048} value={url} onChange={(event) => setUrl(event.currentTarget.value)} placeholder="https://…" />
              <span className="gt-catalogue-form__hint">{t(hintKey)}</span>
            </label>
            {kind === 'imagery' ? (
              <>
                <div className="gt-catalogue-form__row">
                  <label>
                    {t('field.subdomains')}
                    <input type="text" name="subdomains" value={subdomains} onChange={(event) => setSubdomains(event.currentTarget.value)} placeholder="0,1,2,3" />
                  </label>
                  <label>
                    {t('field.maximumLevel')}
                    <input type="number" name="maximumLevel" min={0} max={22} value={maximumLevel} onChange={(event) => setMaximumLevel(event.currentTarget.value)} />
                  </label>
                </div>
                <span className="gt-catalogue-form__hint">{t('field.subdomainsHint')}</span>
                {scheme === 'wmts' ? (
                  <div className="gt-catalogue-form__row">
                    <label>
                      {t('field.wmtsLayer')}
                      <input type="text" name="layer" value={wmtsLayer} onChange={(event) => setWmtsLayer(event.currentTarget.value)} />
                    </label>
                    <label>
                      {t('field.tileMatrixSet')}
                      <input type="text" name="tileMatrixSetId" value={tileMatrixSet} onChange={(event) => setTileMatrixSet(event.currentTarget.value)} />
                    </label>
                  </div>
                ) : null}
              </>
            ) : null}
            {kind === 'external-tileset' ? (
              <label>
                {t('field.heightOffset')}
                <input type="number" name="heightOffsetM" step="0.1" min={-10000} max={10000} value={heightOffset} onChange={(event) => setHeightOffset(event.currentTarget.value)} />
              </label>
            ) : null}
          </>
        ) : (
          <>
            <label>
              {t('field.file')}
              <input type="file" name="file" required accept={mode === 'tileset' ? '.zip' : '.geojson,.json,.zip'} onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)} data-testid="catalogue-file" />
              <span className="gt-catalogue-form__hint">{t(mode === 'tileset' ? 'field.fileHint.tileset' : 'field.fileHint.vector')}</span>
            </label>
            {mode === 'vector' ? (
              <label>
                {t('field.crs')}
                <select name="crs" value={crs} onChange={(event) => setCrs(event.currentTarget.value)}>
                  <option value="gcj02">{t('field.crs.gcj02')}</option>
                  {VECTOR_CRS_CHOICES.map((choice) => (
                    <option key={choice.value} value={choice.value}>
                      {choice.label}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </>
        )}
        {(mode === 'register' && kind === 'geojson') || mode === 'vector' ? (
          <label className="gt-catalogue-form__inline">
            {t('field.stroke')}
            <input type="color" name="stroke" value={stroke} onChange={(event) => setStroke(event.currentTarget.value)} />
          </label>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t('section.metadata')}</legend>
        <div className="gt-catalogue-form__row">
          <label>
            {t('field.title')}
            <input type="text" name="title" required maxLength={120} value={meta.title} onChange={(event) => set('title', event.currentTarget.value)} />
          </label>
          <label>
            {t('field.titleEn')}
            <input type="text" name="titleEn" required maxLength={120} value={meta.titleEn} onChange={(event) => set('titleEn', event.currentTarget.value)} />
          </label>
        </div>
        <div className="gt-catalogue-form__row">
          <label>
            {t('field.region')}
            <select name="regionCode" value={regionCode} required onChange={(event) => set('regionCode', event.currentTarget.value)}>
              {regions.map((region) => (
                <option key={region.code} value={region.code}>
                  {INDENT.repeat(region.depth)}
                  {region.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('field.cimLevel')}
            <select name="cimLevel" value={meta.cimLevel ?? ''} onChange={(event) => set('cimLevel', event.currentTarget.value === '' ? null : Number(event.currentTarget.value))}>
              <option value="">{t('field.cimNone')}</option>
              {[1, 2, 3, 4, 5, 6, 7].map((level) => (
                <option key={level} value={level}>
                  CIM{level}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="gt-catalogue-form__row">
          <label>
            {t('field.visibility')}
            <select name="visibility" value={meta.visibility} onChange={(event) => set('visibility', event.currentTarget.value as CatalogueMetadata['visibility'])}>
              <option value="internal">{t('field.visibility.internal')}</option>
              <option value="public">{t('field.visibility.public')}</option>
            </select>
          </label>
          <label>
            {t('field.sortOrder')}
            <input type="number" name="sortOrder" min={0} max={100000} value={meta.sortOrder} onChange={(event) => set('sortOrder', Number(event.currentTarget.value))} />
          </label>
        </div>
        <label>
          {t('field.attribution')}
          <input type="text" name="attribution" maxLength={300} value={meta.attribution} onChange={(event) => set('attribution', event.currentTarget.value)} />
        </label>
        <label className="gt-catalogue-form__inline">
          <input type="checkbox" name="defaultVisible" checked={meta.defaultVisible} onChange={(event) => set('defaultVisible', event.currentTarget.checked)} />
          {t('field.defaultVisible')}
        </label>
      </fieldset>
      {error ? (
        <p className="gt-catalogue-form__error" role="alert" data-testid="catalogue-error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="gt-catalogue-form__ok" role="status" data-testid="catalogue-notice">
          {notice}
        </p>
      ) : null}
      <button type="submit" className="gt-button gt-button--primary" disabled={busy || (mode !== 'register' && !file)} data-testid="catalogue-submit">
        {busy ? t('submit.busy') : t(mode === 'register' ? 'submit.register' : 'submit.upload')}
      </button>
    </form>
  );
}
