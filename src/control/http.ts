// JSON in and out for the control API: {code, message} errors with a 4xx status.
import type { ServerResponse } from "node:http";
import type { Request, Response } from "express";
import { DomainError } from "../domain/errors";
import { WorkerActionError } from "../domain/commands/workers";

export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const NOT_FOUND = new Set(["WorkerNotFound", "HITNotFound", "AssignmentNotFound", "FileNotFound"]);

export function jsonBody(req: { body?: unknown }): Record<string, unknown> {
  const raw = Buffer.isBuffer(req.body) ? req.body.toString("utf8").trim() : "";
  if (raw === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (err) {
    throw new ControlError(400, "InvalidJson", `The request body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ControlError(400, "InvalidJson", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}

/**
 * Writes a JSON answer with the headers Express's res.json gives it (etags are off), without the content-type
 * parsing and formatting res.json does on every call.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(text));
  res.end(text);
}

export function sendControlError(res: ServerResponse, err: unknown): void {
  if (err instanceof ControlError) {
    sendJson(res, err.status, { code: err.code, message: err.message });
  } else if (err instanceof WorkerActionError) {
    sendJson(res, NOT_FOUND.has(err.code) ? 404 : 409, { code: err.code, message: err.message });
  } else if (err instanceof DomainError) {
    sendJson(res, 400, { code: err.turkErrorCode ?? err.kind, message: err.message });
  } else {
    console.error("mturk-emu: internal error in the control API:", err);
    sendJson(res, 500, { code: "InternalError", message: String(err) });
  }
}

/** Wraps a handler so that whatever it throws becomes a control-API error response. */
export const route =
  (handler: (req: Request, res: Response) => unknown) =>
  (req: Request, res: Response): void => {
    try {
      const result = handler(req, res);
      if (!res.headersSent) sendJson(res, 200, result ?? {});
    } catch (err) {
      sendControlError(res, err);
    }
  };

export function requireString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== "string" || value === "") throw new ControlError(400, "InvalidParameter", `${name} must be a non-empty string.`);
  return value;
}
