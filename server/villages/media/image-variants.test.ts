import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { GanTwinError, InputError } from '@kernel/errors';
import { buildImageVariants, IMAGE_VARIANTS_DEFAULTS, ImageTooLargeError, mediaVariantKey, variantWidthsPx } from './image-variants';
import { sniffImageFormat } from './image-format';

/** A test image: a left/right two-colour split (so orientation and resizing are visible), encoded as `format`. */
async function testImage(widthPx: number, heightPx: number, format: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif' | 'tiff' = 'jpeg'): Promise<Buffer> {
  const half = Buffer.alloc(widthPx * heightPx * 3);
  for (let y = 0; y < heightPx; y++) {
    for (let x = 0; x < widthPx; x++) {
      const i = (y * widthPx + x) * 3;
      const left = x < widthPx / 2;
      half[i] = left ? 200 : 30;
      half[i + 1] = left ? 40 : 120;
      half[i + 2] = left ? 40 : 220;
    }
  }
  return sharp(half, { raw: { width: widthPx, height: heightPx, channels: 3 } }).toFormat(format).toBuffer();
}

async function expectInputError(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as Error).message).toMatch(message);
}

describe('image validation by content', () => {
  it('accepts JPEG, PNG, WebP and AVIF and names the detected format', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'avif'] as const) {
      const result = await buildImageVariants(await testImage(400, 300, format), 'photo');
      expect(result.sourceFormat).toBe(format);
      expect([result.width, result.height]).toEqual([400, 300]);
    }
  });

  it('refuses an SVG, a PHP script named .jpg, a GIF, a TIFF and garbage, naming what each is', async () => {
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    await expectInputError(buildImageVariants(svg, 'photo'), /^image: the file is a svg file \(detected by content\), not JPEG, PNG, WebP or AVIF$/);
    await expectInputError(buildImageVariants(Buffer.from('<?php system($_GET["c"]); ?>'), 'photo'), /a php file/);
    await expectInputError(buildImageVariants(await testImage(40, 30, 'gif'), 'photo'), /a gif file/);
    await expectInputError(buildImageVariants(await testImage(40, 30, 'tiff'), 'photo'), /a tiff file/);
    await expectInputError(buildImageVariants(Buffer.from('hello, not an image at all'), 'photo'), /not a recognised image/);
    await expectInputError(buildImageVariants(Buffer.alloc(0), 'photo'), /empty/);
  });

  it('refuses a JPEG header followed by garbage, and a truncated JPEG', async () => {
    await expectInputError(buildImageVariants(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<?php echo 1; ?>')]), 'photo'), /JPEG file cannot be (read|decoded)/);
    const jpeg = await testImage(800, 600);
    await expectInputError(buildImageVariants(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'photo'), /JPEG file cannot be (read|decoded)/);
  });

  it('sniffs AVIF by its ftyp brand and HEIC as refused', () => {
    const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from(`ftyp${brand}\0\0\0\0mif1${brand}`)]);
    expect(sniffImageFormat(ftyp('avif'))).toEqual({ accepted: true, format: 'avif' });
    expect(sniffImageFormat(ftyp('heic'))).toEqual({ accepted: false, format: 'heic' });
  });

  it('bounds work: bytes over maxBytes and pixels over maxInputPixels are refused as too large', async () => {
    const jpeg = await testImage(800, 600);
    const tooLarge = await buildImageVariants(jpeg, 'photo', { ...IMAGE_VARIANTS_DEFAULTS, maxBytes: jpeg.byteLength - 1 }).catch((e: unknown) => e);
    expect(tooLarge).toBeInstanceOf(ImageTooLargeError);
    expect((tooLarge as GanTwinError).code).toBe('TOO_LARGE');
    const manyPixels = await buildImageVariants(jpeg, 'photo', { ...IMAGE_VARIANTS_DEFAULTS, maxInputPixels: 800 * 600 - 1 }).catch((e: unknown) => e);
    expect(manyPixels).toBeInstanceOf(ImageTooLargeError);
    expect((manyPixels as Error).message).toBe('image: 800 × 600 px exceeds the limit of 479999 pixels');
  });
});

describe('metadata and orientation', () => {
  it('removes EXIF GPS, XMP and ICC from every variant', async () => {
    const withGps = await sharp(await testImage(1000, 750))
      .withExif({ IFD0: { Make: 'TestCam', Copyright: 'someone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '29/1 10/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '117/1 45/1 0/1' } })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="secret"/></rdf:RDF></x:xmpmeta>')
      .withIccProfile('p3')
      .jpeg()
      .toBuffer();
    const source = await sharp(withGps).metadata();
    expect(source.exif?.includes(Buffer.from('TestCam'))).toBe(true);
    expect(source.exif!.length).toBeGreaterThan(100);
    expect(source.xmp?.includes(Buffer.from('secret'))).toBe(true);
    expect(source.icc).toBeDefined();
    const result = await buildImageVariants(withGps, 'photo');
    expect(result.files).toHaveLength(9);
    for (const file of result.files) {
      const out = await sharp(file.data).metadata();
      expect(out.exif, file.variant.key).toBeUndefined();
      expect(out.xmp, file.variant.key).toBeUndefined();
      expect(out.iptc, file.variant.key).toBeUndefined();
      expect(out.icc, file.variant.key).toBeUndefined();
      expect(file.data.includes(Buffer.from('TestCam'))).toBe(false);
      expect(file.data.includes(Buffer.from('GPS'))).toBe(false);
    }
  });

  it('applies EXIF orientation 6 (rotate 90° clockwise): a 800 × 600 stored image becomes 600 × 800', async () => {
    const rotated = await sharp(await testImage(800, 600)).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const result = await buildImageVariants(rotated, 'photo');
    expect([result.width, result.height]).toEqual([600, 800]);
    const jpeg480 = result.files.find((f) => f.variant.width === 480 && f.variant.format === 'jpeg')!;
    expect([jpeg480.variant.width, jpeg480.variant.height]).toEqual([480, 640]);
    // The left (red) half of the stored image is on top after rotating clockwise.
    const { data } = await sharp(jpeg480.data).extract({ left: 240, top: 50, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(150);
    expect(data[2]).toBeLessThan(90);
  });
});

describe('variant sizes', () => {
  it('photo 4000 × 3000: 480/960/1600 wide in AVIF, WebP and JPEG with the stated sizes and keys', async () => {
    const result = await buildImageVariants(await testImage(4000, 3000), 'photo');
    expect(result.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.variants.map((v) => `${v.width}x${v.height}.${v.format}`)).toEqual([
      '480x360.avif', '480x360.webp', '480x360.jpeg', '960x720.avif', '960x720.webp', '960x720.jpeg', '1600x1200.avif', '1600x1200.webp', '1600x1200.jpeg',
    ]);
    for (const file of result.files) {
      const out = await sharp(file.data).metadata();
      expect([out.width, out.height]).toEqual([file.variant.width, file.variant.height]);
      expect(out.format === 'heif' ? 'avif' : out.format).toBe(file.variant.format);
      expect(file.variant.bytes).toBe(file.data.byteLength);
      expect(file.variant.key).toBe(mediaVariantKey(result.sourceSha256, file.variant.width, file.variant.format));
    }
  });

  it('never enlarges: a 700 px photo gives 480 and 700; a 3000 px panorama 2048 and 3000', async () => {
    expect(variantWidthsPx('photo', 700)).toEqual([480, 700]);
    expect(variantWidthsPx('photo', 1600)).toEqual([480, 960, 1600]);
    expect(variantWidthsPx('panorama', 3000)).toEqual([2048, 3000]);
    expect(variantWidthsPx('panorama', 8192)).toEqual([2048, 4096]);
    const result = await buildImageVariants(await testImage(700, 500), 'photo');
    expect([...new Set(result.variants.map((v) => `${v.width}x${v.height}`))]).toEqual(['480x343', '700x500']);
  });

  it('panorama: 2:1 within ±1 % accepted (2048/4096 wide), otherwise refused with the measured ratio', async () => {
    const result = await buildImageVariants(await testImage(4096, 2048), 'panorama');
    expect([...new Set(result.variants.map((v) => `${v.width}x${v.height}`))]).toEqual(['2048x1024', '4096x2048']);
    const slightlyOff = await buildImageVariants(await testImage(2048, 1034), 'panorama'); // 1.981:1, −0.97 %
    expect(slightlyOff.variants[0].width).toBe(2048);
    await expectInputError(buildImageVariants(await testImage(2048, 1040), 'panorama'), /must be equirectangular, 2:1 \(±1 %\); this one is 2048 × 1040 px \(1\.969:1\)/);
    await expectInputError(buildImageVariants(await testImage(1600, 800), 'panorama'), /at least 2048 px wide; this one is 1600 px/);
  });
});
