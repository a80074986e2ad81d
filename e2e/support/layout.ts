// Layout checks for the citizen app on phones: no word broken inside by wrapping ("Đ / ổi"), nothing wider
// than the screen, at the widths of common phones and with the large text many older citizens set.
import type { Page } from 'playwright-core';

/** Common phone widths, CSS px: small Android, iPhone 12-15, Pixel and large Android. */
export const PHONE_WIDTHS = [360, 390, 412] as const;
/**
 * The "large text" factor. The app sizes text in px, so a root font-size does nothing; phones scale px text
 * themselves (Android WebView's textZoom, which Zalo follows from the system font size; iOS Dynamic Type in
 * Safari's text zoom). This emulates that: every element's computed font size times the factor.
 */
export const LARGE_TEXT = 1.3;

/** Texts of at most this many words are labels, where a lone last syllable is checked for. */
const MAX_LABEL_WORDS = 6;

/**
 * What is wrong with the layout as it is now: words whose letters sit on two lines (written with " / " where
 * they were cut, as in "Đ / ổi"), short labels whose last line is one syllable ("Kết quả xử / lý"), and a page
 * wider than the screen. Text that is not shown, or shown only to
 * screen readers (clipped to 1 px), is left out. A break right after "-", "–", "—" or "/" is a normal break.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate((MAX_LABEL_WORDS) => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      problems.push(`the page is wider than the screen: ${root.scrollWidth} px > ${root.clientWidth} px`);

    const hidden = new Map<Element, boolean>();
    const isHidden = (el: Element | null): boolean => {
      if (!el || el === document.body) return false;
      const known = hidden.get(el);
      if (known !== undefined) return known;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const value =
        (style.position === 'absolute' && style.clip !== 'auto') ||
        style.clipPath !== 'none' ||
        (style.overflow === 'hidden' && (box.width <= 1 || box.height <= 1)) ||
        isHidden(el.parentElement);
      hidden.set(el, value);
      return value;
    };
    const lineOf = (rects: DOMRect[]) => rects.filter((r) => r.width > 0 && r.height > 0);
    const where = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 3; e = e.parentElement)
        parts.unshift(e.tagName.toLowerCase() + (e.classList[0] ? `.${e.classList[0]}` : ''));
      return parts.join(' > ');
    };

    const range = document.createRange();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const el = node.parentElement;
      if (!el || el.closest('script, style, noscript, svg') || !el.checkVisibility() || isHidden(el))
        continue;
      const words = [...node.data.matchAll(/\S+/g)];
      // A Vietnamese word is often two syllables written apart ("xử lý", "phản ánh"): no dictionary here, but
      // in a short label (a button, a tile, a heading) a last line holding one syllable after a fuller line
      // is nearly always a word cut in two ("Kết quả xử / lý"), and reads badly anyway.
      if (words.length >= 3 && words.length <= MAX_LABEL_WORDS) {
        const rects = words.map((w) => {
          range.setStart(node, w.index);
          range.setEnd(node, w.index + w[0].length);
          return lineOf(Array.from(range.getClientRects()))[0];
        });
        const lines: string[][] = [];
        let top = Number.NaN;
        rects.forEach((r, i) => {
          if (!r) return;
          if (!(Math.abs(r.top - top) < r.height / 2)) lines.push([]);
          top = r.top;
          lines.at(-1)?.push(words[i]?.[0] ?? '');
        });
        const last = lines.at(-1) ?? [];
        const before = lines.at(-2) ?? [];
        // A lone date or number ("08/12/2026") is a whole token, not half of a word.
        if (last.length === 1 && before.length >= 2 && /^\p{L}+\p{P}*$/u.test(last[0] ?? ''))
          problems.push(
            `"${lines.map((l) => l.join(' ')).join(' / ')}" leaves one syllable alone on its last line (${where(el)})`,
          );
      }
      for (const word of words) {
        const start = word.index;
        range.setStart(node, start);
        range.setEnd(node, start + word[0].length);
        const rects = lineOf(Array.from(range.getClientRects()));
        if (rects.length < 2) continue;
        const height = Math.min(...rects.map((r) => r.height));
        const tops = rects.map((r) => r.top);
        if (Math.max(...tops) - Math.min(...tops) < height / 2) continue;
        // Find where the line changes, letter by letter, to tell a normal break (after a dash) from a cut.
        const cuts: number[] = [];
        let previousTop: number | null = null;
        for (let i = 0; i < word[0].length; i++) {
          range.setStart(node, start + i);
          range.setEnd(node, start + i + 1);
          const top = lineOf(Array.from(range.getClientRects()))[0]?.top;
          if (top === undefined) continue;
          if (previousTop !== null && Math.abs(top - previousTop) >= height / 2) cuts.push(i);
          previousTop = top;
        }
        const real = cuts.filter((i) => !/[-–—/]/.test(word[0][i - 1] ?? ''));
        if (real.length === 0) continue;
        let shown = word[0];
        for (const i of [...real].reverse()) shown = `${shown.slice(0, i)} / ${shown.slice(i)}`;
        problems.push(`"${shown}" is broken inside, in "${node.data.trim().slice(0, 80)}" (${where(el)})`);
      }
    }
    return problems;
  }, MAX_LABEL_WORDS);
}

/** Scales every element's text by `factor` (see {@link LARGE_TEXT}); returns to normal with factor 1. */
function setTextScale(page: Page, factor: number): Promise<void> {
  return page.evaluate((f) => {
    const scaled = Array.from(document.querySelectorAll<HTMLElement>('[data-layout-text]'));
    for (const el of scaled) {
      el.style.removeProperty('font-size');
      el.removeAttribute('data-layout-text');
    }
    if (f === 1) return;
    const all = Array.from(document.querySelectorAll<HTMLElement>('body, body *'));
    const sizes = all.map((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    all.forEach((el, i) => {
      el.style.setProperty('font-size', `${(sizes[i] ?? 16) * f}px`, 'important');
      el.setAttribute('data-layout-text', '');
    });
  }, factor);
}

/** Lets the browser lay the page out again after a change of size. */
const settle = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * The page as it is now, at each phone width, with normal then large text: every problem found, each
 * prefixed with where it was seen. Leaves the page at the first width with normal text.
 */
export async function phoneLayoutProblems(page: Page, label: string): Promise<string[]> {
  const height = page.viewportSize()?.height ?? 740;
  const found = new Set<string>();
  for (const [text, factor] of [
    ['normal text', 1],
    ['large text', LARGE_TEXT],
  ] as const) {
    await setTextScale(page, factor);
    for (const width of PHONE_WIDTHS) {
      await page.setViewportSize({ width, height });
      await settle(page);
      for (const p of await layoutProblems(page)) found.add(`${label}, ${width} px, ${text}: ${p}`);
    }
  }
  await setTextScale(page, 1);
  await page.setViewportSize({ width: PHONE_WIDTHS[0], height });
  await settle(page);
  return [...found];
}
