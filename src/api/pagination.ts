// NextToken is an opaque cursor over insertion order, so pages stay correct while items are added.
import { errors } from "../domain/errors";
import type { Page } from "../domain/records";
import type { PageRequest } from "../domain/store";

const DEFAULT_PAGE_SIZE = 10;

export function pageRequest(scope: string, input: { NextToken?: string; MaxResults?: number }): PageRequest {
  const limit = input.MaxResults ?? DEFAULT_PAGE_SIZE;
  if (input.NextToken === undefined) return { limit };
  return { limit, after: decode(scope, input.NextToken) };
}

export function pageResult<T, U>(scope: string, page: Page<T>, convert: (item: T) => U): { items: U[]; NumResults: number; NextToken?: string } {
  const items = page.items.map(convert);
  return { items, NumResults: items.length, NextToken: page.next === undefined ? undefined : encode(scope, page.next) };
}

function encode(scope: string, cursor: number): string {
  return Buffer.from(JSON.stringify([scope, cursor])).toString("base64url");
}

function decode(scope: string, token: string): number {
  try {
    const [tokenScope, cursor] = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (tokenScope === scope && Number.isSafeInteger(cursor) && cursor >= 0) return cursor;
  } catch {
    // Falls through to the service's answer for any token it did not issue.
  }
  throw errors.invalidParameter("NextToken", token);
}
