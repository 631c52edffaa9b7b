// Request handling shared by the worker site and the console: security headers, body parsing, and turning
// every refusal into a page that says what went wrong (never a stack trace).
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import multer from "multer";
import { DomainError } from "../domain/errors";
import { WorkerActionError } from "../domain/commands/workers";
import type { Emulator } from "../emulator";
import type { Html, NavLink } from "./html";
import { CsrfError, SignInRequired, type Sessions } from "./session";

/** Largest file a worker may upload for a FileUploadAnswer (they are kept in SQLite). */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
/** Largest form post without files. */
export const MAX_FORM_BYTES = 2 * 1024 * 1024;

export interface Site {
  emu: Emulator;
  sessions: Sessions;
}

/** Headers for the site's own pages: scripts only from this site, no framing by others, no sniffing. */
export function sitePageHeaders(res: Response): void {
  res.set({
    "Content-Security-Policy":
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src * data: blob:; media-src *; frame-src *; connect-src 'self'; " +
      "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
  });
}

export function sendHtml(res: Response, status: number, page: Html): void {
  sitePageHeaders(res);
  res.status(status).type("html").send(page.toString());
}

/** The base URL the browser reached the emulator at (turkSubmitTo, links handed to task pages). */
export const siteBase = (req: Request): string => `${req.protocol}://${req.get("host") ?? "127.0.0.1"}`;

/** A same-site path to go back to after signing in; anything else becomes the fallback. */
export function safeNext(value: unknown, fallback: string): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : fallback;
}

export const urlencoded = express.urlencoded({ extended: false, limit: MAX_FORM_BYTES, parameterLimit: 5000 });

/** Multipart forms with files (QuestionForm answers), kept in memory. */
export const multipart = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 100, fields: 5000, fieldSize: MAX_FORM_BYTES },
}).any();

/** The status and words for a refusal. */
export function describeError(err: unknown): { status: number; title: string; message: string } {
  if (err instanceof CsrfError) return { status: 403, title: "The form could not be accepted", message: err.message };
  if (err instanceof WorkerActionError) {
    const status = ["HITNotFound", "AssignmentNotFound", "WorkerNotFound", "QualificationTypeNotFound", "NoMoreHITs"].includes(err.code)
      ? 404
      : ["PreviewNotAllowed", "QualificationRequirementNotMet", "WorkerBlocked"].includes(err.code)
        ? 403
        : 409;
    const titles: Record<string, string> = {
      HITNotFound: "HIT not available",
      NoMoreHITs: "No more HITs for you in this group",
      AssignmentNotFound: "Assignment not found",
      PreviewNotAllowed: "You cannot preview this HIT",
      QualificationRequirementNotMet: "You do not qualify for this HIT",
      WorkerBlocked: "You cannot accept this HIT",
      AlreadyAccepted: "You already have this HIT",
      HITNotAvailable: "The HIT can no longer be accepted",
      AssignmentNotInProgress: "The assignment is no longer in progress",
      MissingAssignmentId: "The task page sent no assignmentId",
      HITNotAccepted: "Accept the HIT first",
      InvalidWorkerId: "That is not a valid WorkerId",
    };
    return { status, title: titles[err.code] ?? "That did not work", message: err.message };
  }
  if (err instanceof DomainError) return { status: 400, title: "The request was refused", message: err.message };
  if (err instanceof multer.MulterError) {
    const message =
      err.code === "LIMIT_FILE_SIZE"
        ? `The file is larger than the emulator accepts (${MAX_UPLOAD_BYTES} bytes). Go back and choose a smaller file.`
        : `The form could not be read: ${err.message}.`;
    return { status: err.code === "LIMIT_FILE_SIZE" ? 413 : 400, title: "The upload was refused", message };
  }
  const e = err as { type?: string; status?: number };
  if (e?.type === "entity.too.large") return { status: 413, title: "The form is too large", message: `Forms may be at most ${MAX_FORM_BYTES} bytes.` };
  if (typeof e?.status === "number" && e.status >= 400 && e.status < 500) {
    return { status: e.status, title: "The request could not be read", message: "The form data could not be read. Go back and try again." };
  }
  return { status: 500, title: "Something went wrong", message: "The emulator hit an internal error; it has been logged on the emulator's console." };
}

export type ErrorPage = (req: Request, res: Response, status: number, title: string, message: string, links: NavLink[]) => void;

/**
 * Wraps a page handler: SignInRequired goes to the sign-in form, anything else thrown becomes an error page
 * (status from describeError). Internal errors are logged, never shown.
 */
export function page(signInPath: (err: SignInRequired) => string, errorPage: ErrorPage, handler: (req: Request, res: Response) => unknown): RequestHandler {
  return async (req: Request, res: Response, _next: NextFunction) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (res.headersSent) return;
      if (err instanceof SignInRequired) {
        res.redirect(303, signInPath(err));
        return;
      }
      const { status, title, message } = describeError(err);
      if (status === 500) console.error("mturk-emu: internal error on the worker site or console:", err);
      errorPage(req, res, status, title, message, []);
    }
  };
}

/** Runs a body parser as a promise, so its errors reach the page's error handling. */
export function parseWith(parser: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => parser(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
}
