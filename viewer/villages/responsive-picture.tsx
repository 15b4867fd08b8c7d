/**
 * A published image as `<picture>`: AVIF and WebP sources and a JPEG `<img>`, each with every stored width in its
 * `srcset`, so the browser picks the format it decodes and the width the layout needs. No client JavaScript.
 */

/** One stored size/format of an image (the public document's `PublicImageVariant`). */
export interface PictureVariant {
  url: string;
  format: 'avif' | 'webp' | 'jpeg';
  /** Pixels. */
  width: number;
  /** Pixels. */
  height: number;
}

/** What the component needs of a public image. */
export interface PictureImage {
  /** Pixels of the largest variant (the aspect ratio the layout reserves). */
  width: number;
  height: number;
  variants: readonly PictureVariant[];
}

const MIME = { avif: 'image/avif', webp: 'image/webp', jpeg: 'image/jpeg' } as const;

/** `url 640w, url 1280w` of one format, narrowest first; empty when the format is missing. */
export function srcSetOf(variants: readonly PictureVariant[], format: PictureVariant['format']): string {
  return variants
    .filter((variant) => variant.format === format)
    .sort((a, b) => a.width - b.width)
    .map((variant) => `${variant.url} ${variant.width}w`)
    .join(', ');
}

/**
 * The JPEG variant closest to `targetWidthPx` from above (else the widest): the `<img src>` fallback and the
 * Open Graph image.
 * @returns null when the image has no JPEG variant
 */
export function jpegVariant(variants: readonly PictureVariant[], targetWidthPx = 1200): PictureVariant | null {
  const jpegs = variants.filter((variant) => variant.format === 'jpeg').sort((a, b) => a.width - b.width);
  return jpegs.find((variant) => variant.width >= targetWidthPx) ?? jpegs.at(-1) ?? null;
}

/** Props of {@link ResponsivePicture}. */
export interface ResponsivePictureProps {
  image: PictureImage;
  alt: string;
  /** `lang` of the alt text when it is not the page's. */
  altLang?: string;
  /** The `sizes` attribute: how wide the image is drawn (`(min-width: 900px) 33vw, 100vw`). */
  sizes: string;
  className?: string;
  /** `eager` for the first image on screen (largest contentful paint), else `lazy`. */
  loading?: 'eager' | 'lazy';
}

/** The picture (see module doc). */
export function ResponsivePicture({ image, alt, altLang, sizes, className, loading = 'lazy' }: ResponsivePictureProps) {
  const fallback = jpegVariant(image.variants, 800) ?? image.variants[0];
  const formats = (['avif', 'webp'] as const).filter((format) => image.variants.some((variant) => variant.format === format));
  return (
    <picture className={className}>
      {formats.map((format) => (
        <source key={format} type={MIME[format]} srcSet={srcSetOf(image.variants, format)} sizes={sizes} />
      ))}
      <img
        src={fallback?.url}
        srcSet={srcSetOf(image.variants, 'jpeg') || undefined}
        sizes={sizes}
        width={image.width}
        height={image.height}
        alt={alt}
        lang={altLang}
        loading={loading}
        decoding="async"
        {...(loading === 'eager' ? { fetchPriority: 'high' as const } : {})}
      />
    </picture>
  );
}
