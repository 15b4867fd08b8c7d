/**
 * Screen-space decluttering of map labels: which labels to show so that no two shown ones overlap, the more
 * important first. Engine-free: callers project their labels to window coordinates and pass boxes.
 *
 * Notes: greedy in priority order (the first label always shows; each next one shows when its box, grown by
 * `paddingPx`, overlaps no label shown before it), O(n²) — a twin view holds tens of labels (11 city names, the
 * models of a district), where this costs microseconds. CesiumJS labels have no collision handling of their own.
 */

/** A label's box on screen: centre and size, CSS px (window coordinates, y down). */
export interface LabelBox {
  xPx: number;
  yPx: number;
  widthPx: number;
  heightPx: number;
}

/** Room kept between two shown labels, CSS px. */
export const LABEL_PADDING_PX = 4;

/**
 * Which labels to show.
 *
 * @param boxes - the candidate labels, most important first (e.g. the selected one, then by size or order)
 * @param paddingPx - room kept between shown labels, CSS px (≥ 0)
 * @returns one flag per box, in the same order: `true` = show
 */
export function declutterLabels(boxes: readonly LabelBox[], paddingPx = LABEL_PADDING_PX): boolean[] {
  const shown: LabelBox[] = [];
  return boxes.map((box) => {
    const overlaps = shown.some(
      (other) =>
        Math.abs(box.xPx - other.xPx) * 2 < box.widthPx + other.widthPx + 2 * paddingPx &&
        Math.abs(box.yPx - other.yPx) * 2 < box.heightPx + other.heightPx + 2 * paddingPx,
    );
    if (!overlaps) shown.push(box);
    return !overlaps;
  });
}

/**
 * The width a label's text takes, CSS px, estimated without a canvas: CJK characters are about one em wide,
 * others (Latin letters, digits, spaces) about 0.6 em. Good to ±15 % for Noto Sans at 12–16 px.
 *
 * @param fontPx - font size, CSS px
 */
export function estimateTextWidthPx(text: string, fontPx: number): number {
  let ems = 0;
  for (const char of text) ems += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u.test(char) ? 1 : 0.6;
  return ems * fontPx;
}
