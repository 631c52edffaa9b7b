// The one HTML helper of the worker site and the requester console. Every value interpolated into `html`
// templates is escaped, unless it is already Html (built by `html` itself, or by the FormattedContent
// sanitiser through `trustedHtml`). Pages are plain functions returning Html; `layout` wraps them.

/** Markup that is safe to emit as is. Only `html` and `trustedHtml` make one. */
export class Html {
  private constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
  /** @internal */
  static of(markup: string): Html {
    return new Html(markup);
  }
}

export type Interpolation = Html | string | number | bigint | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** The escape: safe in element content and in quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function render(value: Interpolation): string {
  if (value instanceof Html) return value.markup;
  if (value === null || value === undefined || value === false || value === true) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** Tagged template: html`<p>${text}</p>`; strings are escaped, Html and arrays of them are inserted. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0];
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1];
  });
  return Html.of(out);
}

/** For markup this site generated itself from a whitelist (the FormattedContent sanitiser). Never for input. */
export function trustedHtml(markup: string): Html {
  return Html.of(markup);
}

/** Only absolute http(s) URLs (and, where given, other schemes) survive; anything else becomes undefined. */
export function safeUrl(url: string | undefined, schemes: readonly string[] = ["http:", "https:"]): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url.trim());
    return schemes.includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

// ---- Formatting ----

export const isoTime = (ms: number | undefined): string => (ms === undefined ? "" : new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"));

/** A <time> element showing a UTC time, readable and machine-readable. */
export const timeTag = (ms: number | undefined): Html =>
  ms === undefined ? html`<span class="muted">—</span>` : html`<time datetime="${isoTime(ms)}">${isoTime(ms).replace("T", " ").replace("Z", " UTC")}</time>`;

/** "1 h 5 min", "45 s", "3 days". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 86400 && s % 3600 === 0) return plural(s / 86400, "day", s % 86400 === 0 ? undefined : `${(s % 86400) / 3600} h`);
  const parts: string[] = [];
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  if (rest || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(" ");
}

function plural(n: number, noun: string, extra?: string): string {
  const whole = Math.floor(n);
  return `${whole} ${noun}${whole === 1 ? "" : "s"}${extra ? ` ${extra}` : ""}`;
}

// ---- Layout ----

export interface NavLink {
  href: string;
  label: string;
  current?: boolean;
}

export interface LayoutInput {
  title: string;
  area: "worker" | "console";
  body: Html;
  nav: NavLink[];
  /** Right-hand side of the header: who is signed in and the sign-out form. */
  account?: Html;
  /** A one-line notice at the top (a confirmation). */
  notice?: string;
}

export function layout(page: LayoutInput): Html {
  const siteName = page.area === "worker" ? "mturk-emu · Worker" : "mturk-emu · Requester console";
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} — ${siteName}</title>
<link rel="stylesheet" href="/static/site.css">
<script src="/static/site.js" defer></script>
</head>
<body class="${page.area}">
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <div class="brand"><a href="${page.area === "worker" ? "/" : "/console"}">${siteName}</a></div>
  <nav aria-label="Main"><ul>${page.nav.map(
    (link) => html`<li><a href="${link.href}"${link.current ? html` aria-current="page"` : ""}>${link.label}</a></li>`,
  )}</ul></nav>
  <div class="account">${page.account ?? ""}</div>
</header>
<main id="main">
${page.notice ? html`<p class="notice" role="status">${page.notice}</p>` : ""}
${page.body}
</main>
<footer><p>A local emulator of the Amazon Mechanical Turk sandbox. Nothing here reaches Amazon; no money changes hands.</p></footer>
</body>
</html>`;
}

/** A hidden CSRF field; every POST form has one. */
export const csrfField = (token: string): Html => html`<input type="hidden" name="_csrf" value="${token}">`;

/** A one-button POST form. */
export function postButton(action: string, label: string, csrf: string, fields: Record<string, string> = {}, className = ""): Html {
  return html`<form method="post" action="${action}" class="inline">${csrfField(csrf)}${Object.entries(fields).map(
    ([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`,
  )}<button type="submit"${className ? html` class="${className}"` : ""}>${label}</button></form>`;
}

/** An error box: what went wrong, in words, with a way on. */
export function errorBox(title: string, message: string, links: NavLink[] = []): Html {
  return html`<section class="error" role="alert" aria-labelledby="error-title">
  <h1 id="error-title">${title}</h1>
  <p class="message">${message}</p>
  ${links.length ? html`<ul class="links">${links.map((l) => html`<li><a href="${l.href}">${l.label}</a></li>`)}</ul>` : ""}
</section>`;
}
