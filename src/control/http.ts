// JSON in and out for the control API: {code, message} errors with a 4xx status.
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

export function jsonBody(req: Request): Record<string, unknown> {
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

export function sendControlError(res: Response, err: unknown): void {
  if (err instanceof ControlError) {
    res.status(err.status).json({ code: err.code, message: err.message });
  } else if (err instanceof WorkerActionError) {
    res.status(NOT_FOUND.has(err.code) ? 404 : 409).json({ code: err.code, message: err.message });
  } else if (err instanceof DomainError) {
    res.status(400).json({ code: err.turkErrorCode ?? err.kind, message: err.message });
  } else {
    console.error("mturk-emu: internal error in the control API:", err);
    res.status(500).json({ code: "InternalError", message: String(err) });
  }
}

/** Wraps a handler so that whatever it throws becomes a control-API error response. */
export const route =
  (handler: (req: Request, res: Response) => unknown) =>
  (req: Request, res: Response): void => {
    try {
      const result = handler(req, res);
      if (!res.headersSent) res.json(result ?? {});
    } catch (err) {
      sendControlError(res, err);
    }
  };

export function requireString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== "string" || value === "") throw new ControlError(400, "InvalidParameter", `${name} must be a non-empty string.`);
  return value;
}
