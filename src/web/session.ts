// Sessions of the worker site and the requester console, in signed cookies (cookie-parser), and CSRF tokens.
//
// - Worker: sign in by WorkerId (the worker is created on the spot); the cookie holds the WorkerId.
// - Requester console: sign in by access key id; with authentication on (--auth on) the secret access key must
//   match. The cookie holds the access key id.
// - CSRF: a random per-browser value in its own signed cookie; every POST form carries an HMAC of it, which
//   POST handlers check. The signing key is random per emulator process, so a restart signs everyone out.
// Cookies are HttpOnly and SameSite=Lax.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import cookieParser from "cookie-parser";
import type { Request, RequestHandler, Response } from "express";
import type { Account } from "../domain/records";
import type { Emulator } from "../emulator";

const WORKER_COOKIE = "mturk_emu_worker";
const REQUESTER_COOKIE = "mturk_emu_requester";
const CSRF_COOKIE = "mturk_emu_csrf";

/** A POST without a valid CSRF token. */
export class CsrfError extends Error {
  constructor() {
    super("This form has expired or was not sent from this site. Go back, reload the page and submit the form again.");
  }
}

/** A console page asked for without signing in. */
export class SignInRequired extends Error {
  constructor(readonly where: "worker" | "console", readonly next: string) {
    super(where === "worker" ? "Sign in as a worker first." : "Sign in to the requester console first.");
  }
}

export class Sessions {
  private readonly secret = randomBytes(32).toString("hex");

  constructor(private readonly emu: Emulator) {}

  /** Parses (and verifies) the signed cookies. */
  readonly middleware: RequestHandler = cookieParser(this.secret);

  private set(res: Response, name: string, value: string): void {
    res.cookie(name, value, { signed: true, httpOnly: true, sameSite: "lax", secure: res.req.secure, path: "/" });
  }

  private signed(req: Request, name: string): string | undefined {
    const value = (req.signedCookies as Record<string, unknown> | undefined)?.[name];
    return typeof value === "string" && value !== "" ? value : undefined;
  }

  // ---- Workers ----

  workerId(req: Request): string | undefined {
    return this.signed(req, WORKER_COOKIE);
  }

  signInWorker(res: Response, workerId: string): void {
    this.set(res, WORKER_COOKIE, workerId);
  }

  signOutWorker(res: Response): void {
    res.clearCookie(WORKER_COOKIE, { path: "/" });
  }

  /** The signed-in worker, or SignInRequired (pages redirect to the sign-in form). */
  requireWorker(req: Request): string {
    const id = this.workerId(req);
    if (!id) throw new SignInRequired("worker", req.originalUrl);
    return id;
  }

  // ---- Requesters ----

  get authEnabled(): boolean {
    return this.emu.accounts.authEnabled;
  }

  /**
   * The account for a console sign-in: with authentication on, only a known key with its secret; with it off,
   * any key (a new one gets an account, as on the API).
   */
  checkRequester(accessKeyId: string, secretAccessKey: string | undefined): Account | undefined {
    if (!this.authEnabled) return this.emu.accounts.forKey(accessKeyId);
    const secret = this.emu.accounts.secretFor(accessKeyId);
    if (secret === undefined || secretAccessKey === undefined) return undefined;
    const [a, b] = [Buffer.from(secret), Buffer.from(secretAccessKey)];
    return a.length === b.length && timingSafeEqual(a, b) ? this.emu.accounts.forKey(accessKeyId) : undefined;
  }

  requester(req: Request): Account | undefined {
    const key = this.signed(req, REQUESTER_COOKIE);
    return key === undefined ? undefined : this.emu.store.getAccountByKey(key);
  }

  signInRequester(res: Response, account: Account): void {
    this.set(res, REQUESTER_COOKIE, account.accessKeyId);
  }

  signOutRequester(res: Response): void {
    res.clearCookie(REQUESTER_COOKIE, { path: "/" });
  }

  requireRequester(req: Request): Account {
    const account = this.requester(req);
    if (!account) throw new SignInRequired("console", req.originalUrl);
    return account;
  }

  // ---- CSRF ----

  /** The token for this browser's forms; sets the CSRF cookie when the browser has none yet. */
  csrfToken(req: Request, res: Response): string {
    let nonce = this.signed(req, CSRF_COOKIE) ?? (res.locals.csrfNonce as string | undefined);
    if (!nonce) {
      nonce = randomBytes(18).toString("base64url");
      res.locals.csrfNonce = nonce;
      this.set(res, CSRF_COOKIE, nonce);
    }
    return this.tokenFor(nonce);
  }

  private tokenFor(nonce: string): string {
    return createHmac("sha256", this.secret).update(`csrf:${nonce}`).digest("base64url");
  }

  /** Throws CsrfError unless `submitted` is this browser's token. Call after the body is parsed. */
  checkCsrf(req: Request, submitted: unknown): void {
    const nonce = this.signed(req, CSRF_COOKIE);
    if (!nonce || typeof submitted !== "string") throw new CsrfError();
    const [a, b] = [Buffer.from(this.tokenFor(nonce)), Buffer.from(submitted)];
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new CsrfError();
  }
}
