// Page-number paging (LEGACY-API.md §2.7): PageSize 1–100 (default 10), PageNumber ≥ 1 (default 1), and the
// NumResults/TotalNumResults/PageNumber every list result carries. Sorted HIT and assignment searches page in
// the store (domain/commands/hit-search.ts); the other lists are read whole through their domain command's
// cursor pages, inside the same transaction, and cut here.
import type { Page } from "../../domain/records";
import type { PageRequest } from "../../domain/store";
import type { Params } from "./params";
import { leaf, type XChild } from "./render/xml";

export interface PageWindow {
  pageNumber: number;
  pageSize: number;
  offset: number;
}

export const MAX_PAGE_SIZE = 100;

export function pageWindow(p: Params, defaults: { pageSize?: number } = {}): PageWindow {
  const pageSize = p.int("PageSize", { min: 1, max: MAX_PAGE_SIZE }) ?? defaults.pageSize ?? 10;
  const pageNumber = p.int("PageNumber", { min: 1, max: 1_000_000_000 }) ?? 1;
  return { pageNumber, pageSize, offset: (pageNumber - 1) * pageSize };
}

export type SortDirection = "Ascending" | "Descending";
export const SORT_DIRECTIONS: readonly SortDirection[] = ["Ascending", "Descending"];

/** Every item of a cursor-paged domain list. Call inside the command's transaction. */
export function drain<T>(list: (page: PageRequest) => Page<T>): T[] {
  const items: T[] = [];
  let after: number | undefined;
  for (;;) {
    const page = list({ after, limit: 100 });
    items.push(...page.items);
    if (page.next === undefined) return items;
    after = page.next;
  }
}

export interface Windowed<T> {
  items: T[];
  total: number;
  pageNumber: number;
}

export function cut<T>(all: T[], window: PageWindow): Windowed<T> {
  return { items: all.slice(window.offset, window.offset + window.pageSize), total: all.length, pageNumber: window.pageNumber };
}

/** The paging elements, in the order the result type's WSDL sequence has them (it differs between results). */
export function pagingElements(page: Windowed<unknown>, order: ReadonlyArray<"PageNumber" | "NumResults" | "TotalNumResults"> = PAGE_FIRST): XChild[] {
  const values = { PageNumber: page.pageNumber, NumResults: page.items.length, TotalNumResults: page.total };
  return order.map((name) => leaf(name, values[name]));
}

export const PAGE_FIRST = ["PageNumber", "NumResults", "TotalNumResults"] as const;
export const NUM_FIRST = ["NumResults", "TotalNumResults", "PageNumber"] as const;
/** GetBonusPaymentsResult's own order. */
export const BONUS_ORDER = ["NumResults", "PageNumber", "TotalNumResults"] as const;
