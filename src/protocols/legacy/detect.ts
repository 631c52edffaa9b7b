// Which front end a request on the shared port is for (LEGACY-API.md §1.2, §1.6, §2.3, §4):
// - JSON (X-Amz-Target) is not legacy at all;
// - SOAP: a POST carrying an XML envelope (text/xml or application/soap+xml, or a SOAPAction header);
// - REST: GET or POST with an Operation parameter in the query string or the form body,
// on "/" (with or without ?Service=AWSMechanicalTurkRequester) or the early docs' /onca/xml.
import type { Request } from "express";

export type LegacyTransport = "rest" | "soap";

/** Paths legacy clients post to. */
export const LEGACY_PATHS = ["/", "/onca/xml", "/onca/soap"];

const XML_TYPES = new Set(["text/xml", "application/soap+xml", "application/xml"]);

export const mediaType = (req: Request): string => (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();

/** The raw query string, without "?". */
export const rawQuery = (req: Request): string => {
  const at = req.originalUrl.indexOf("?");
  return at < 0 ? "" : req.originalUrl.slice(at + 1);
};

/** Name/value pairs of the query string and (for form posts, or posts without a content type) the body, in order. */
export function restPairs(req: Request): Array<[string, string]> {
  const pairs: Array<[string, string]> = [...new URLSearchParams(rawQuery(req))];
  const type = mediaType(req);
  const body = Buffer.isBuffer(req.body) ? req.body : undefined;
  if (req.method === "POST" && body && body.length > 0 && (type === "application/x-www-form-urlencoded" || type === "")) {
    pairs.push(...new URLSearchParams(body.toString("utf8")));
  }
  return pairs;
}

export function detectLegacy(req: Request): LegacyTransport | undefined {
  const transport = likelyLegacy(req);
  if (transport !== "rest") return transport;
  return restPairs(req).some(([key]) => key === "Operation") ? "rest" : undefined;
}

/**
 * What the request is without reading its body: SOAP by its headers, REST when it is a GET or a form POST on
 * a legacy path. For errors raised before the body could be read (an oversized body).
 */
export function likelyLegacy(req: Request): LegacyTransport | undefined {
  if (req.get("x-amz-target") !== undefined) return undefined;
  const path = req.path.length > 1 ? req.path.replace(/\/+$/, "") : req.path;
  if (!LEGACY_PATHS.includes(path)) return undefined;
  if (req.method === "POST" && (req.get("soapaction") !== undefined || XML_TYPES.has(mediaType(req)))) return "soap";
  if (req.method !== "GET" && req.method !== "POST") return undefined;
  return req.method === "GET" || ["application/x-www-form-urlencoded", ""].includes(mediaType(req)) ? "rest" : undefined;
}

/**
 * Where clients reach this emulator, for URLs it hands out. boto 2 sends Host without the port (LEGACY-API.md
 * §1.1), so a Host without one gets the port the request actually arrived on.
 */
export function baseUrl(req: Request): string {
  const host = req.get("host") ?? "127.0.0.1";
  const port = req.socket.localPort;
  const defaultPort = req.protocol === "https" ? 443 : 80;
  const hasPort = /:\d+$/.test(host) && !/^\[[^\]]*\]$/.test(host);
  return `${req.protocol}://${host}${hasPort || port === undefined || port === defaultPort ? "" : `:${port}`}`;
}
