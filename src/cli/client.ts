// The CLI's side of the control API: every subcommand but start talks to a running emulator.
import { Option } from "commander";

export const DEFAULT_ENDPOINT = "http://127.0.0.1:8443";

export const endpointOption = () =>
  new Option("--endpoint <url>", "the running emulator").env("MTURK_EMU_ENDPOINT").default(DEFAULT_ENDPOINT);
export const jsonOption = () => new Option("--json", "print JSON, for scripts");

/** A refusal or an unreachable emulator: printed as one line, exit code 1. */
export class CliError extends Error {}

export async function call<T = any>(endpoint: string, method: string, path: string, body?: unknown, contentType = "application/json"): Promise<T> {
  let res: Response;
  try {
    res = await fetch(endpoint.replace(/\/$/, "") + "/_emu" + path, {
      method,
      headers: body === undefined ? {} : { "content-type": contentType },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  } catch (err) {
    throw new CliError(`cannot reach the emulator at ${endpoint} (${(err as Error & { cause?: Error }).cause?.message ?? (err as Error).message}); is it running?`);
  }
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : {};
  if (!res.ok) throw new CliError(`${parsed.code ?? res.status}: ${parsed.message ?? text}`);
  return parsed as T;
}

export function print(json: boolean, value: unknown, human: () => string): void {
  console.log(json ? JSON.stringify(value, null, 2) : human());
}

/** Columns padded to their widest cell. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** "90", "90s", "15m", "3d", "1d12h" → seconds. */
export function parseDuration(text: string): number {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)([smhdw])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) {
    throw new CliError(`"${text}" is not a duration (examples: 90, 90s, 15m, 3d, 1d12h).`);
  }
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit], 0);
}
