/**
 * SVG scenes of a Huizhou-style village (徽派: white-washed walls, dark tiled roofs, stepped horse-head gable walls
 * 马头墙), drawn from a seed: the sources of the generated demo imagery (./demo-imagery.ts). Pure string building,
 * deterministic (same seed → same SVG), no text (renderings must not depend on installed fonts), no photograph of
 * anywhere.
 *
 * Frames: SVG user units = output pixels, y down. A panorama is equirectangular: x = yaw (0 … width ↔ −180° … 180°,
 * the seam at the image edges), y = pitch (0 = zenith, height/2 = horizon, height = nadir); every horizontal
 * feature (hills, river) is periodic in x so the seam does not show.
 */

/** A seeded pseudo-random source (mulberry32): uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (value: number): string => (Math.round(value * 10) / 10).toString();

/** Shared paint: sky, wall stain, water. */
function defs(skyTop: string, skyHorizon: string, skyY2: number): string {
  return `<defs>
<linearGradient id="sky" x1="0" y1="0" x2="0" y2="${round(skyY2)}" gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="${skyTop}"/><stop offset="1" stop-color="${skyHorizon}"/></linearGradient>
<linearGradient id="wall" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f4f2ec"/><stop offset="0.75" stop-color="#e9e6de"/><stop offset="1" stop-color="#b9b6ad"/></linearGradient>
<linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8fb1bf"/><stop offset="1" stop-color="#5d8494"/></linearGradient>
</defs>`;
}

/**
 * A house seen at its gable end: a white wall whose top steps up to the centre in `steps` tiers per side, each tier
 * capped with dark tiles ending in an upturned "horse head"; small dark windows and a door.
 * @param x left edge, px; `baseY` ground line, px; `widthPx`, `eaveHeightPx` wall size up to the lowest tier
 */
export function gableHouseSvg(x: number, baseY: number, widthPx: number, eaveHeightPx: number, steps: number, random: () => number): string {
  const tierWidth = widthPx / (2 * steps + 1);
  const tierRise = eaveHeightPx * 0.16;
  const cap = Math.max(2, eaveHeightPx * 0.05);
  const points: string[] = [`${round(x)},${round(baseY)}`];
  const caps: string[] = [];
  for (let i = 0; i <= 2 * steps; i++) {
    const level = Math.min(i, 2 * steps - i);
    const top = baseY - eaveHeightPx - level * tierRise;
    const left = x + i * tierWidth;
    points.push(`${round(left)},${round(top)}`, `${round(left + tierWidth)},${round(top)}`);
    const overhang = tierWidth * 0.08;
    caps.push(`<rect x="${round(left - overhang)}" y="${round(top - cap)}" width="${round(tierWidth + 2 * overhang)}" height="${round(cap)}" fill="#2e3134"/>`);
    if (i !== steps) {
      // The horse head: the outer end of each tier's cap turns up.
      const outer = i < steps ? left - overhang : left + tierWidth + overhang;
      const inward = i < steps ? tierWidth * 0.22 : -tierWidth * 0.22;
      caps.push(`<path d="M${round(outer)},${round(top)} L${round(outer)},${round(top - cap * 2.2)} L${round(outer + inward)},${round(top - cap)} Z" fill="#2e3134"/>`);
    }
  }
  points.push(`${round(x + widthPx)},${round(baseY)}`);
  const windows: string[] = [];
  const rows = eaveHeightPx > 60 ? 2 : 1;
  for (let row = 0; row < rows; row++) {
    const y = baseY - eaveHeightPx * (row === 0 ? 0.78 : 0.42);
    for (const fx of [0.25, 0.68]) {
      if (random() < 0.75) windows.push(`<rect x="${round(x + widthPx * fx)}" y="${round(y)}" width="${round(widthPx * 0.09)}" height="${round(eaveHeightPx * 0.12)}" fill="#3a3a38"/>`);
    }
  }
  const door = random() < 0.6 ? `<rect x="${round(x + widthPx * 0.44)}" y="${round(baseY - eaveHeightPx * 0.32)}" width="${round(widthPx * 0.12)}" height="${round(eaveHeightPx * 0.32)}" fill="#4a3b2e"/>` : '';
  return `<g><polygon points="${points.join(' ')}" fill="url(#wall)" stroke="#c9c6be" stroke-width="1"/>${caps.join('')}${windows.join('')}${door}</g>`;
}

/**
 * A house seen from its long (eave) side: a white wall under a dark tiled roof, with the gable walls at both ends
 * seen edge-on as piers that step up above the roof, each step capped.
 * @param x left edge, px; `baseY` ground line, px; `widthPx`, `eaveHeightPx` wall size
 */
export function eaveHouseSvg(x: number, baseY: number, widthPx: number, eaveHeightPx: number, random: () => number): string {
  const eaveY = baseY - eaveHeightPx;
  const roofRise = eaveHeightPx * 0.42;
  const inset = widthPx * 0.06;
  const tiles: string[] = [];
  const tileStep = Math.max(3, widthPx / 28);
  for (let tx = x + inset + tileStep; tx < x + widthPx - inset; tx += tileStep) {
    tiles.push(`<line x1="${round(tx)}" y1="${round(eaveY - roofRise * 0.92)}" x2="${round(tx)}" y2="${round(eaveY)}" stroke="#23262a" stroke-width="${round(Math.max(1, tileStep * 0.18))}"/>`);
  }
  const roof = `<polygon points="${round(x + inset * 0.4)},${round(eaveY + 2)} ${round(x + widthPx - inset * 0.4)},${round(eaveY + 2)} ${round(x + widthPx - inset)},${round(eaveY - roofRise)} ${round(x + inset)},${round(eaveY - roofRise)}" fill="#3c4045"/>`;
  const ridge = `<rect x="${round(x + inset)}" y="${round(eaveY - roofRise - eaveHeightPx * 0.05)}" width="${round(widthPx - 2 * inset)}" height="${round(eaveHeightPx * 0.06)}" fill="#2a2d30"/>`;
  const piers: string[] = [];
  const pierWidth = widthPx * 0.05;
  for (const px of [x - pierWidth * 0.3, x + widthPx - pierWidth * 0.7]) {
    for (let step = 0; step < 3; step++) {
      const top = eaveY - roofRise * (0.35 + step * 0.45);
      const width = pierWidth * (1 - step * 0.2);
      const left = px + (pierWidth - width) / 2;
      piers.push(`<rect x="${round(left)}" y="${round(top)}" width="${round(width)}" height="${round(baseY - top)}" fill="#efede6"/><rect x="${round(left - width * 0.25)}" y="${round(top - eaveHeightPx * 0.05)}" width="${round(width * 1.5)}" height="${round(eaveHeightPx * 0.06)}" fill="#2e3134"/>`);
    }
  }
  const windows: string[] = [];
  for (let i = 1; i < 4; i++) if (random() < 0.7) windows.push(`<rect x="${round(x + (widthPx * i) / 4 - widthPx * 0.04)}" y="${round(eaveY + eaveHeightPx * 0.22)}" width="${round(widthPx * 0.08)}" height="${round(eaveHeightPx * 0.14)}" fill="#3a3a38"/>`);
  const door = `<rect x="${round(x + widthPx * 0.45)}" y="${round(baseY - eaveHeightPx * 0.42)}" width="${round(widthPx * 0.1)}" height="${round(eaveHeightPx * 0.42)}" fill="#4a3b2e"/><rect x="${round(x + widthPx * 0.41)}" y="${round(baseY - eaveHeightPx * 0.5)}" width="${round(widthPx * 0.18)}" height="${round(eaveHeightPx * 0.06)}" fill="#2e3134"/>`;
  return `<g>${roof}${tiles.join('')}${ridge}<rect x="${round(x)}" y="${round(eaveY)}" width="${round(widthPx)}" height="${round(eaveHeightPx)}" fill="url(#wall)"/>${piers.join('')}${windows.join('')}${door}</g>`;
}

/** A round-crowned tree (camphor, 香樟) standing at `(x, baseY)`, crown radius `radiusPx`. */
function treeSvg(x: number, baseY: number, radiusPx: number, random: () => number): string {
  const green = ['#3f5e3a', '#4a6b40', '#37553a'][Math.floor(random() * 3)];
  const blobs = [0, 1, 2]
    .map((i) => `<circle cx="${round(x + (i - 1) * radiusPx * 0.6)}" cy="${round(baseY - radiusPx * (1.7 + (i === 1 ? 0.35 : 0)))}" r="${round(radiusPx * (i === 1 ? 1 : 0.75))}" fill="${green}"/>`)
    .join('');
  return `<rect x="${round(x - radiusPx * 0.08)}" y="${round(baseY - radiusPx * 1.5)}" width="${round(radiusPx * 0.16)}" height="${round(radiusPx * 1.5)}" fill="#4b3a2a"/>${blobs}`;
}

/**
 * A ridge line periodic over `widthPx` (integer frequencies), filled down to `bottomY`.
 * @param meanY mean height of the ridge, px; `amplitudePx` its largest deviation
 */
function ridgeSvg(widthPx: number, meanY: number, amplitudePx: number, bottomY: number, fill: string, random: () => number): string {
  const terms = [1, 2, 3, 5, 8].map((k) => ({ k, a: amplitudePx * (0.35 + random() * 0.65) / Math.sqrt(k), phase: random() * Math.PI * 2 }));
  const stepPx = Math.max(8, widthPx / 256);
  const points: string[] = [];
  for (let x = 0; x <= widthPx + 0.5; x += stepPx) {
    const y = meanY - terms.reduce((sum, t) => sum + t.a * Math.sin((2 * Math.PI * t.k * x) / widthPx + t.phase), 0);
    points.push(`${round(x)},${round(y)}`);
  }
  return `<path d="M0,${round(bottomY)} L${points.join(' L')} L${round(widthPx)},${round(bottomY)} Z" fill="${fill}"/>`;
}

/**
 * An equirectangular panorama of a village by a river: sky, three ranges of hills, fields, a river band, a ring of
 * gable-end houses and trees around the viewer (see the module doc for the frame).
 * @param widthPx image width, px (height = width / 2)
 */
export function panoramaSvg(seed: number, widthPx: number): string {
  const random = seededRandom(seed);
  const heightPx = widthPx / 2;
  const horizon = heightPx / 2;
  const u = widthPx / 4096;
  const parts: string[] = [defs('#5f8fc8', '#e4ecef', horizon), `<rect width="${widthPx}" height="${heightPx}" fill="url(#sky)"/>`];
  for (let i = 0; i < 7; i++) {
    const cx = random() * widthPx;
    const cy = horizon * (0.25 + random() * 0.45);
    for (const shift of [-widthPx, 0, widthPx]) parts.push(`<ellipse cx="${round(cx + shift)}" cy="${round(cy)}" rx="${round((180 + random() * 220) * u)}" ry="${round((22 + random() * 20) * u)}" fill="#ffffff" opacity="0.55"/>`);
  }
  parts.push(ridgeSvg(widthPx, horizon - 110 * u, 70 * u, horizon + 10 * u, '#a9b9c4', random));
  parts.push(ridgeSvg(widthPx, horizon - 60 * u, 50 * u, horizon + 10 * u, '#7f9a8e', random));
  parts.push(ridgeSvg(widthPx, horizon - 20 * u, 25 * u, horizon + 10 * u, '#5f7d5c', random));
  parts.push(`<rect x="0" y="${round(horizon)}" width="${widthPx}" height="${round(heightPx - horizon)}" fill="#7d8f5a"/>`);
  const riverTop = horizon + 150 * u;
  parts.push(ridgeSvg(widthPx, riverTop, 40 * u, riverTop + 170 * u, 'url(#water)', random));
  parts.push(ridgeSvg(widthPx, riverTop + 190 * u, 30 * u, heightPx, '#8a857a', random));
  // Flagstones of the riverside square the viewer stands on: joints closer together towards the horizon.
  for (let i = 0; i < 14; i++) {
    const y = riverTop + 230 * u + (heightPx - riverTop - 230 * u) * Math.pow(i / 14, 1.4);
    parts.push(`<line x1="0" y1="${round(y)}" x2="${widthPx}" y2="${round(y)}" stroke="#6f6b61" stroke-width="${round((2 + i * 0.5) * u)}"/>`);
  }
  parts.push(`<rect x="0" y="${round(heightPx - 120 * u)}" width="${widthPx}" height="${round(120 * u)}" fill="#6f6a5e"/>`);
  const houses: { x: number; depth: number }[] = [];
  for (let i = 0; i < 26; i++) houses.push({ x: random() * widthPx, depth: random() });
  houses.sort((a, b) => a.depth - b.depth);
  for (const house of houses) {
    const scale = (0.45 + house.depth * 0.9) * u;
    const baseY = horizon + (20 + house.depth * 100) * u;
    const width = (150 + random() * 110) * scale;
    const eave = (95 + random() * 45) * scale;
    const steps = random() < 0.5 ? 2 : 3;
    const isEaveSide = random() < 0.45;
    for (const shift of [-widthPx, 0, widthPx]) {
      const x = house.x + shift;
      if (x + width * 1.6 < 0 || x > widthPx) continue;
      const houseRandom = seededRandom(seed * 31 + Math.round(house.x));
      parts.push(isEaveSide ? eaveHouseSvg(x, baseY, width * 1.6, eave * 0.8, houseRandom) : gableHouseSvg(x, baseY, width, eave, steps, houseRandom));
    }
    if (random() < 0.35) parts.push(treeSvg((house.x + width * 1.15) % widthPx, baseY + 4 * u, (28 + random() * 24) * scale * 1.6, random));
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${round(heightPx)}" viewBox="0 0 ${widthPx} ${round(heightPx)}">${parts.join('')}</svg>`;
}

/** Subjects of generated demo photos. */
export const DEMO_PHOTO_SUBJECTS = ['ancestral-hall', 'residence', 'lane', 'bridge', 'village-view'] as const;
export type DemoPhotoSubject = (typeof DEMO_PHOTO_SUBJECTS)[number];

/** Sky, hills and ground of a photo; the horizon at `horizonY`. */
function photoBackdrop(widthPx: number, heightPx: number, horizonY: number, random: () => number): string {
  return [
    defs('#6d9bd0', '#e6edf0', horizonY),
    `<rect width="${widthPx}" height="${heightPx}" fill="url(#sky)"/>`,
    ridgeSvg(widthPx, horizonY - heightPx * 0.12, heightPx * 0.06, horizonY + 2, '#a7b8c2', random),
    ridgeSvg(widthPx, horizonY - heightPx * 0.05, heightPx * 0.04, horizonY + 2, '#6f8d70', random),
    `<rect x="0" y="${round(horizonY)}" width="${widthPx}" height="${round(heightPx - horizonY)}" fill="#80925d"/>`,
  ].join('');
}

/** The front of an ancestral hall (祠堂): a wide white facade, stone gate with a plaque, horse-head gables at both ends. */
function ancestralHall(w: number, h: number, random: () => number): string {
  const baseY = h * 0.86;
  const parts = [photoBackdrop(w, h, h * 0.55, random), `<rect x="0" y="${round(baseY)}" width="${w}" height="${round(h - baseY)}" fill="#8c877b"/>`];
  parts.push(gableHouseSvg(w * 0.08, baseY, w * 0.84, h * 0.42, 3, random));
  const gateX = w * 0.4;
  parts.push(`<rect x="${round(gateX)}" y="${round(baseY - h * 0.36)}" width="${round(w * 0.2)}" height="${round(h * 0.36)}" fill="#5b5a55"/>`);
  parts.push(`<rect x="${round(gateX - w * 0.02)}" y="${round(baseY - h * 0.4)}" width="${round(w * 0.24)}" height="${round(h * 0.05)}" fill="#2e3134"/>`);
  parts.push(`<rect x="${round(gateX + w * 0.05)}" y="${round(baseY - h * 0.33)}" width="${round(w * 0.1)}" height="${round(h * 0.06)}" fill="#3b2a1e" stroke="#b8963e" stroke-width="${round(w * 0.003)}"/>`);
  parts.push(`<rect x="${round(gateX + w * 0.06)}" y="${round(baseY - h * 0.24)}" width="${round(w * 0.08)}" height="${round(h * 0.24)}" fill="#2b2219"/>`);
  for (let i = 0; i < 3; i++) parts.push(`<rect x="${round(gateX - w * (0.03 + i * 0.02))}" y="${round(baseY + i * h * 0.025)}" width="${round(w * (0.26 + i * 0.04))}" height="${round(h * 0.025)}" fill="${['#a39e92', '#9a9589', '#918c80'][i]}"/>`);
  return parts.join('');
}

/** Gable-end houses along a pond, mirrored in the water (the classic 月沼 view). */
function residence(w: number, h: number, random: () => number): string {
  const baseY = h * 0.58;
  const houses: string[] = [];
  let x = -w * 0.05;
  while (x < w) {
    const width = w * (0.16 + random() * 0.1);
    houses.push(gableHouseSvg(x, baseY, width, h * (0.2 + random() * 0.12), random() < 0.5 ? 2 : 3, random));
    x += width * (0.85 + random() * 0.2);
  }
  const row = houses.join('');
  return [
    photoBackdrop(w, h, h * 0.5, random),
    row,
    `<rect x="0" y="${round(baseY)}" width="${w}" height="${round(h - baseY)}" fill="url(#water)"/>`,
    `<g transform="translate(0 ${round(2 * baseY)}) scale(1 -1)" opacity="0.35">${row}</g>`,
    `<rect x="0" y="${round(baseY)}" width="${w}" height="${round(h * 0.012)}" fill="#8a857a"/>`,
  ].join('');
}

/** A narrow stone-paved lane (巷) between high white walls, in one-point perspective. */
function lane(w: number, h: number, random: () => number): string {
  const vx = w * (0.45 + random() * 0.1);
  const vy = h * 0.45;
  const parts = [defs('#6d9bd0', '#e6edf0', h * 0.3), `<rect width="${w}" height="${h}" fill="url(#sky)"/>`];
  parts.push(`<polygon points="0,${h} ${w},${h} ${round(vx + w * 0.03)},${round(vy)} ${round(vx - w * 0.03)},${round(vy)}" fill="#8f8a80"/>`);
  for (let i = 1; i < 14; i++) {
    const t = 1 - Math.pow(0.82, i);
    const y = h - (h - vy) * t;
    const half = (w / 2) * (1 - t) + w * 0.03 * t;
    parts.push(`<line x1="${round(vx - half)}" y1="${round(y)}" x2="${round(vx + half)}" y2="${round(y)}" stroke="#77726a" stroke-width="${round(3 * (1 - t) + 1)}"/>`);
  }
  for (const side of [-1, 1]) {
    const edge = side < 0 ? 0 : w;
    const near = vx + side * w * 0.03;
    parts.push(`<polygon points="${edge},0 ${round(near)},${round(vy - h * 0.2)} ${round(near)},${round(vy)} ${edge},${h}" fill="${side < 0 ? '#ebe8e1' : '#dcd8cf'}"/>`);
    parts.push(`<polygon points="${edge},0 ${round(near)},${round(vy - h * 0.2)} ${round(near)},${round(vy - h * 0.19)} ${edge},${round(h * 0.06)}" fill="#2e3134"/>`);
    for (let i = 0; i < 4; i++) {
      const t = 0.2 + i * 0.18;
      const x = edge + (near - edge) * t;
      const y = h * 0.3 + (vy - h * 0.3) * t * 0.5;
      parts.push(`<rect x="${round(x - side * 0)}" y="${round(y)}" width="${round(w * 0.02 * (1 - t))}" height="${round(h * 0.06 * (1 - t))}" fill="#3a3a38"/>`);
    }
  }
  return parts.join('');
}

/** A stone arch bridge over a river; the arch and its reflection make a circle. */
function bridge(w: number, h: number, random: () => number): string {
  const waterY = h * 0.62;
  const cx = w * (0.45 + random() * 0.1);
  const r = w * 0.16;
  const deck = waterY - r - h * 0.05;
  const houses = [0.05, 0.22, 0.66, 0.82].map((f) => gableHouseSvg(w * f, h * 0.5, w * 0.13, h * 0.13, 2, random)).join('');
  return [
    photoBackdrop(w, h, h * 0.48, random),
    houses,
    `<rect x="0" y="${round(waterY)}" width="${w}" height="${round(h - waterY)}" fill="url(#water)"/>`,
    `<path d="M${round(cx - r * 1.9)},${round(waterY)} L${round(cx - r * 1.3)},${round(deck)} L${round(cx + r * 1.3)},${round(deck)} L${round(cx + r * 1.9)},${round(waterY)} L${round(cx + r)},${round(waterY)} A${round(r)},${round(r)} 0 0 0 ${round(cx - r)},${round(waterY)} Z" fill="#9c978b" stroke="#7b766b" stroke-width="3"/>`,
    `<path d="M${round(cx - r)},${round(waterY)} A${round(r)},${round(r)} 0 0 0 ${round(cx + r)},${round(waterY)}" fill="none" stroke="#7b766b" stroke-width="${round(r * 0.12)}" opacity="0.45"/>`,
    `<rect x="${round(cx - r * 1.3)}" y="${round(deck - h * 0.02)}" width="${round(r * 2.6)}" height="${round(h * 0.02)}" fill="#86817a"/>`,
  ].join('');
}

/** A village seen from a hillside: terraced fields, the river, rows of houses. */
function villageView(w: number, h: number, random: () => number): string {
  const parts = [photoBackdrop(w, h, h * 0.32, random)];
  for (let i = 0; i < 6; i++) parts.push(`<rect x="0" y="${round(h * (0.32 + i * 0.11))}" width="${w}" height="${round(h * 0.11)}" fill="${['#8fa163', '#86995c', '#7d9156', '#a3a86b', '#8a9b5e', '#7a8c54'][i]}"/>`);
  parts.push(ridgeSvg(w, h * 0.62, h * 0.03, h * 0.7, 'url(#water)', random));
  const houses: { x: number; y: number; s: number }[] = [];
  for (let i = 0; i < 34; i++) houses.push({ x: random() * w, y: h * (0.4 + random() * 0.2), s: 0.6 + random() * 0.6 });
  houses.sort((a, b) => a.y - b.y);
  for (const house of houses) {
    parts.push(random() < 0.5 ? gableHouseSvg(house.x, house.y, w * 0.07 * house.s, h * 0.07 * house.s, 2, random) : eaveHouseSvg(house.x, house.y, w * 0.1 * house.s, h * 0.055 * house.s, random));
  }
  return parts.join('');
}

const PHOTO_SCENES: Record<DemoPhotoSubject, (widthPx: number, heightPx: number, random: () => number) => string> = {
  'ancestral-hall': ancestralHall,
  residence,
  lane,
  bridge,
  'village-view': villageView,
};

/** A photo-like scene of `subject` (3:2), `widthPx` wide. */
export function photoSvg(seed: number, subject: DemoPhotoSubject, widthPx: number): string {
  const heightPx = Math.round((widthPx * 2) / 3);
  const body = PHOTO_SCENES[subject](widthPx, heightPx, seededRandom(seed));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${widthPx}" height="${heightPx}" viewBox="0 0 ${widthPx} ${heightPx}">${body}</svg>`;
}
