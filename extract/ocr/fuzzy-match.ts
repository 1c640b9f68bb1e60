// Approximate matching of OCR'd Chinese text against a vocabulary: weighted edit distance
// over code points, where a substitution between characters Tesseract (chi_sim) is known
// to confuse in printed Song/Hei text costs a fraction of any other. Pure functions.

/**
 * Characters Tesseract reads in place of another (each key: the printed character, value:
 * its misreadings), as seen in image-only renderings of budget tables. The common case is
 * 支 read as 文 (收支 → 收文, 支出 → 文出), which plain edit distance cannot tell from 收入.
 */
export const CONFUSABLE: Record<string, string> = {
  支: "文攴丈叉", 出: "册上山日击由巴", 预: "项顶须", 款: "欢效歉亚短", 拨: "拔技拢", 算: "箅莽",
  收: "牧枚攸", 济: "阐浙", 费: "赀旨", 计: "汁讦", 合: "含会", 目: "日自", 编: "网骗", 码: "玛妈",
  经: "绎轻", 基: "墓", 般: "船", 类: "关", 项: "顶须砚硕", 拔: "拨", 公: "么",
};

const PAIRS = new Set<string>();
for (const [a, bs] of Object.entries(CONFUSABLE)) for (const b of bs) { PAIRS.add(a + b); PAIRS.add(b + a); }

export interface FuzzyOptions {
  /** Cost of substituting one character for a confusable one (any other substitution, insertion or deletion costs 1). */
  confusableCost: number;
  /** A match is accepted at a cost up to this × the word's length. */
  maxCostPerChar: number;
  /** At least this share of the word's characters must be read exactly. */
  minExactShare: number;
}
export const DEFAULT_FUZZY_OPTIONS: FuzzyOptions = { confusableCost: 0.25, maxCostPerChar: 0.34, minExactShare: 0.5 };

const subCost = (a: string, b: string, o: FuzzyOptions) => (a === b ? 0 : PAIRS.has(a + b) ? o.confusableCost : 1);

export interface Occurrence { start: number; end: number; cost: number; exact: number }

/**
 * The best approximate occurrence of `word` in `text` (arrays of code points), anywhere in it
 * (free start and end), among positions `usable` allows; null when none is within the options.
 */
export function findApprox(word: string[], text: string[], o: FuzzyOptions = DEFAULT_FUZZY_OPTIONS, usable: (i: number) => boolean = () => true): Occurrence | null {
  const n = word.length, m = text.length;
  if (n === 0 || m === 0) return null;
  // cost, start and exact-match count of the best alignment of word[0..i) ending at text position j.
  let prev = Array.from({ length: m + 1 }, (_, j) => ({ cost: 0, start: j, exact: 0 }));
  for (let i = 1; i <= n; i++) {
    const cur = [{ cost: prev[0]!.cost + 1, start: 0, exact: prev[0]!.exact }];
    for (let j = 1; j <= m; j++) {
      const ok = usable(j - 1);
      const s = subCost(word[i - 1]!, text[j - 1]!, o);
      const diag = { cost: prev[j - 1]!.cost + (ok ? s : Infinity), start: prev[j - 1]!.start, exact: prev[j - 1]!.exact + (ok && s === 0 ? 1 : 0) };
      const del = { cost: prev[j]!.cost + 1, start: prev[j]!.start, exact: prev[j]!.exact };
      const ins = { cost: cur[j - 1]!.cost + (ok ? 1 : Infinity), start: cur[j - 1]!.start, exact: cur[j - 1]!.exact };
      cur.push([diag, del, ins].reduce((a, b) => (b.cost < a.cost || (b.cost === a.cost && b.exact > a.exact) ? b : a)));
    }
    prev = cur;
  }
  let best: Occurrence | null = null;
  for (let j = 1; j <= m; j++) {
    const c = prev[j]!;
    if (c.start >= j) continue;
    if (!best || c.cost < best.cost || (c.cost === best.cost && c.exact > best.exact)) best = { start: c.start, end: j, cost: c.cost, exact: c.exact };
  }
  if (!best || best.cost > o.maxCostPerChar * n + 1e-9 || best.exact < Math.ceil(o.minExactShare * n)) return null;
  return best;
}

/**
 * Words of `vocabulary` found approximately in `line` put back as printed (longest words
 * first; a matched stretch is not matched again): 2024年部门财务收文预算总表 → …收支预算总表.
 */
export function snapWords(line: string, vocabulary: readonly string[], o: FuzzyOptions = DEFAULT_FUZZY_OPTIONS): string {
  let text = Array.from(line);
  let locked = text.map(() => false);
  const words = [...vocabulary].sort((a, b) => Array.from(b).length - Array.from(a).length);
  for (const w of words) {
    const word = Array.from(w);
    for (let guard = 0; guard < 8; guard++) {
      const hit = findApprox(word, text, o, (i) => !locked[i]);
      if (!hit) break;
      text = [...text.slice(0, hit.start), ...word, ...text.slice(hit.end)];
      locked = [...locked.slice(0, hit.start), ...word.map(() => true), ...locked.slice(hit.end)];
    }
  }
  return text.join("");
}

export interface CellSnapOptions extends FuzzyOptions {
  /** Stray characters (dust, ruling remains read as 、 人 疯 …) allowed beside the matched term, in all. */
  maxExtraChars: number;
}
export const DEFAULT_CELL_SNAP_OPTIONS: CellSnapOptions = { ...DEFAULT_FUZZY_OPTIONS, maxExtraChars: 2 };

/**
 * A header cell read as one term of `vocabulary`, its stray characters dropped (、合计 → 合计,
 * 基本支册 → 基本支出, 本年支出个入计 → 本年支出合计); the text unchanged when no term fits.
 * The longest fitting term wins, then the cheapest.
 */
export function snapCell(cell: string, vocabulary: readonly string[], o: CellSnapOptions = DEFAULT_CELL_SNAP_OPTIONS): string {
  // Brackets compared in one form: 因公出国(境)费 and 因公出国（境）费 are the same header.
  const text = Array.from(cell.replace(/\s+/g, "").replace(/\(/g, "（").replace(/\)/g, "）"));
  if (text.length === 0) return cell;
  if (vocabulary.includes(text.join(""))) return text.join("");
  let best: { term: string; len: number; cost: number } | null = null;
  for (const term of vocabulary) {
    const word = Array.from(term);
    const hit = findApprox(word, text, o);
    if (!hit || text.length - (hit.end - hit.start) > o.maxExtraChars) continue;
    if (!best || word.length > best.len || (word.length === best.len && hit.cost < best.cost)) best = { term, len: word.length, cost: hit.cost };
  }
  return best ? best.term : cell;
}
