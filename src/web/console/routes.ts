// The requester console, on the same domain commands as the API:
//   GET  /console                     sign in (access key + secret with --auth on; pick an account with it off)
//   POST /console/signin, /console/signout
//   GET  /console/hits                the account's HITs with status and counts
//   GET  /console/hits/{id}           a HIT, its submitted assignments and their answers
//   POST /console/hits/{id}/expire | /add-assignments
//   POST /console/assignments/{id}/approve | /reject | /bonus
//   GET  /console/assignments/{id}/files/{QuestionIdentifier}   an uploaded file
//   GET  /console/results.csv[?hitId=…|?hitTypeId=…]             batch results
//   GET  /console/qualifications[/{id}]; POST /console/qualification-requests/{id}/accept | /reject
//   GET|POST /console/clock; GET /console/requests   (loopback clients only, like /_emu)
import { Router, type Request, type Response } from "express";
import { isLoopback } from "../../app";
import { approveAssignment, listAssignmentsForHit, listBonusPayments, rejectAssignment, sendBonus, visibleAssignment } from "../../domain/commands/assignments";
import { batchResults } from "../../domain/commands/batch-results";
import { addAssignments, getHit, listHits, updateExpiration } from "../../domain/commands/hits";
import { acceptQualificationRequest, listQualificationRequests, rejectQualificationRequest } from "../../domain/commands/qualification-requests";
import { listQualificationTypes, listWorkersWithQualificationType, ownQualificationType } from "../../domain/commands/qualifications";
import { uploadedFile } from "../../domain/commands/uploads";
import { parseAnswerXml } from "../../domain/questions/answers";
import { parseQuestion } from "../../domain/questions/question";
import type { Account, Page } from "../../domain/records";
import type { RequesterCtx } from "../../domain/context";
import { toCsv } from "../csv";
import { errorBox, type Html } from "../html";
import { page, parseWith, safeNext, sendHtml, urlencoded, type Site } from "../http";
import { SignInRequired } from "../session";
import { clockPage, consoleLayout, hitPage, hitsPage, qualificationTypePage, qualificationTypesPage, requestsPage, signInPage, type ConsoleChrome } from "./pages";

/** A refusal of a console form, shown as an error page with a way back. */
class ConsoleInputError extends Error {}

function all<T>(fetch: (after: number | undefined) => Page<T>): T[] {
  const items: T[] = [];
  let after: number | undefined;
  do {
    const page = fetch(after);
    items.push(...page.items);
    after = page.next;
  } while (after !== undefined);
  return items;
}

export function consoleRouter(site: Site): Router {
  const router = Router();
  const { emu, sessions } = site;
  const domain = emu.domain;

  const chrome = (req: Request, res: Response, current: string, notice?: string): ConsoleChrome => ({
    account: sessions.requester(req),
    csrf: sessions.csrfToken(req, res),
    current,
    notice,
  });
  const render = (req: Request, res: Response, status: number, title: string, current: string, body: Html, notice?: string) =>
    sendHtml(res, status, consoleLayout(title, chrome(req, res, current, notice), body));
  const errorPage = (req: Request, res: Response, status: number, title: string, message: string) => {
    const back = req.method === "POST" && typeof req.get("referer") === "string" ? safeNext(new URL(req.get("referer")!, "http://x").pathname, "/console/hits") : "/console/hits";
    render(req, res, status, title, "", errorBox(title, message, [{ href: back, label: "Go back" }]));
  };
  const signIn = (err: SignInRequired) => `/console?next=${encodeURIComponent(err.next)}`;
  const handle = (handler: (req: Request, res: Response) => unknown) =>
    page(signIn, errorPage, async (req, res) => {
      try {
        await handler(req, res);
      } catch (err) {
        if (!(err instanceof ConsoleInputError)) throw err;
        errorPage(req, res, 400, "Check the form", err.message);
      }
    });
  const get = (path: string, handler: (req: Request, res: Response) => unknown) => router.get(path, handle(handler));
  const post = (path: string, handler: (req: Request, res: Response, body: Record<string, unknown>) => unknown) =>
    router.post(
      path,
      handle(async (req, res) => {
        await parseWith(urlencoded, req, res);
        const body = (req.body ?? {}) as Record<string, unknown>;
        sessions.checkCsrf(req, body._csrf);
        return handler(req, res, body);
      }),
    );
  const as = <T>(req: Request, command: (ctx: RequesterCtx) => T): T => domain.asRequester(sessions.requireRequester(req), command);
  const controlAllowed = (req: Request) => emu.config.controlFromAnywhere || isLoopback(req.socket.remoteAddress);
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

  // ---- Signing in ----

  get("/console", (req, res) => {
    if (sessions.requester(req)) return res.redirect(303, safeNext(req.query.next, "/console/hits"));
    render(req, res, 200, "Sign in", "/console", signInPage(sessions.authEnabled, emu.accounts.list(), sessions.csrfToken(req, res), safeNext(req.query.next, "/console/hits")));
  });

  post("/console/signin", (req, res, body) => {
    const accessKeyId = text(body.accessKeyId);
    const secret = typeof body.secretAccessKey === "string" ? body.secretAccessKey : undefined;
    const account: Account | undefined = accessKeyId === "" ? undefined : sessions.checkRequester(accessKeyId, secret);
    if (!account) {
      const why = accessKeyId === "" ? "Give an access key id." : "The access key id and secret access key do not match a requester account.";
      const next = safeNext(body.next, "/console/hits");
      return render(req, res, 401, "Sign in", "/console", signInPage(sessions.authEnabled, emu.accounts.list(), sessions.csrfToken(req, res), next, why, accessKeyId));
    }
    sessions.signInRequester(res, account);
    res.redirect(303, safeNext(body.next, "/console/hits"));
  });

  post("/console/signout", (_req, res) => {
    sessions.signOutRequester(res);
    res.redirect(303, "/console");
  });

  // ---- HITs ----

  get("/console/hits", (req, res) => {
    const hits = as(req, (ctx) => all((after) => listHits(ctx, { after, limit: 100 })));
    render(req, res, 200, "HITs", "/console/hits", hitsPage(hits.reverse()));
  });

  get("/console/hits/:hitId", (req, res) => {
    const hitId = String(req.params.hitId);
    const view = as(req, (ctx) => {
      const hit = getHit(ctx, hitId);
      const assignments = hit.status === "Disposed" ? [] : all((after) => listAssignmentsForHit(ctx, hit.id, undefined, { after, limit: 100 }));
      const bonuses = hit.status === "Disposed" ? [] : all((after) => listBonusPayments(ctx, { hitId: hit.id }, { after, limit: 100 }));
      return { hit, assignments, bonuses };
    });
    const assignments = view.assignments.map((assignment) => {
      let answers: ReturnType<typeof parseAnswerXml> = [];
      try {
        answers = assignment.answer ? parseAnswerXml(assignment.answer) : [];
      } catch {
        answers = [];
      }
      return { assignment, answers };
    });
    const notice = NOTICES[String(req.query.done ?? "")];
    render(req, res, 200, view.hit.type.title, "/console/hits", hitPage(view.hit, parseQuestion(view.hit.question), assignments, view.bonuses, sessions.csrfToken(req, res)), notice);
  });

  const backToHit = (res: Response, hitId: string, done: string) => res.redirect(303, `/console/hits/${encodeURIComponent(hitId)}?done=${done}`);

  post("/console/hits/:hitId/expire", (req, res) => {
    const hitId = String(req.params.hitId);
    as(req, (ctx) => updateExpiration(ctx, hitId, ctx.now));
    backToHit(res, hitId, "expired");
  });

  post("/console/hits/:hitId/add-assignments", (req, res, body) => {
    const hitId = String(req.params.hitId);
    const count = Number(text(body.count));
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000_000) throw new ConsoleInputError("Add a whole number of assignments, from 1 to 1,000,000,000.");
    as(req, (ctx) => addAssignments(ctx, hitId, count));
    backToHit(res, hitId, "added");
  });

  // ---- Reviewing assignments ----

  const hitOf = (req: Request, assignmentId: string) => as(req, (ctx) => visibleAssignment(ctx, assignmentId).hit.id);

  post("/console/assignments/:assignmentId/approve", (req, res, body) => {
    const id = String(req.params.assignmentId);
    const feedback = text(body.feedback) || undefined;
    as(req, (ctx) => approveAssignment(ctx, id, feedback, body.override === "1"));
    backToHit(res, hitOf(req, id), "approved");
  });

  post("/console/assignments/:assignmentId/reject", (req, res, body) => {
    const id = String(req.params.assignmentId);
    const feedback = text(body.feedback) || undefined;
    as(req, (ctx) => rejectAssignment(ctx, id, feedback));
    backToHit(res, hitOf(req, id), "rejected");
  });

  post("/console/assignments/:assignmentId/bonus", (req, res, body) => {
    const id = String(req.params.assignmentId);
    const amount = text(body.amount).replace(/^\$/, "");
    const reason = text(body.reason);
    if (!/^\d{1,9}(\.\d{1,2})?$/.test(amount)) throw new ConsoleInputError(`"${amount}" is not an amount in dollars, such as 0.50.`);
    if (reason === "") throw new ConsoleInputError("Give the worker a reason for the bonus.");
    as(req, (ctx) => {
      const { assignment } = visibleAssignment(ctx, id);
      sendBonus(ctx, { workerId: assignment.workerId, assignmentId: id, amount, reason });
    });
    backToHit(res, hitOf(req, id), "bonus");
  });

  get("/console/assignments/:assignmentId/files/:questionIdentifier", (req, res) => {
    const file = as(req, (ctx) => uploadedFile(ctx, String(req.params.assignmentId), String(req.params.questionIdentifier)));
    res.set({ "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox", "Cache-Control": "no-store" });
    res.attachment(`${file.questionIdentifier}-${file.key}`).type(file.contentType).send(file.data);
  });

  get("/console/results.csv", (req, res) => {
    const hitId = typeof req.query.hitId === "string" && req.query.hitId ? req.query.hitId : undefined;
    const hitTypeId = typeof req.query.hitTypeId === "string" && req.query.hitTypeId ? req.query.hitTypeId : undefined;
    const { columns, rows } = as(req, (ctx) => batchResults(ctx, { hitId, hitTypeId }));
    const name = `Batch_${(hitId ?? hitTypeId ?? "all").replace(/[^A-Za-z0-9]/g, "")}_batch_results.csv`;
    res.set({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
    res.attachment(name).type("text/csv; charset=utf-8").send(toCsv(columns, rows));
  });

  // ---- Qualifications ----

  get("/console/qualifications", (req, res) => {
    const types = as(req, (ctx) => all((after) => listQualificationTypes(ctx, { mustBeOwnedByCaller: true, mustBeRequestable: false }, { after, limit: 100 })));
    render(req, res, 200, "Qualification types", "/console/qualifications", qualificationTypesPage(types));
  });

  get("/console/qualifications/:typeId", (req, res) => {
    const typeId = String(req.params.typeId);
    const view = as(req, (ctx) => ({
      type: ownQualificationType(ctx, typeId),
      workers: all((after) => listWorkersWithQualificationType(ctx, typeId, undefined, { after, limit: 100 })),
      requests: all((after) => listQualificationRequests(ctx, typeId, { after, limit: 100 })),
    }));
    render(req, res, 200, view.type.name, "/console/qualifications", qualificationTypePage(view.type, view.workers, view.requests, sessions.csrfToken(req, res)), NOTICES[String(req.query.done ?? "")]);
  });

  post("/console/qualification-requests/:id/accept", (req, res, body) => {
    const id = String(req.params.id);
    const value = text(body.value) === "" ? undefined : Number(text(body.value));
    if (value !== undefined && !Number.isInteger(value)) throw new ConsoleInputError("The score must be a whole number.");
    const typeId = as(req, (ctx) => {
      const request = ctx.store.getQualificationRequest(id);
      acceptQualificationRequest(ctx, id, value);
      return request!.qualificationTypeId;
    });
    res.redirect(303, `/console/qualifications/${encodeURIComponent(typeId)}?done=granted`);
  });

  post("/console/qualification-requests/:id/reject", (req, res) => {
    const id = String(req.params.id);
    const typeId = as(req, (ctx) => {
      const request = ctx.store.getQualificationRequest(id);
      rejectQualificationRequest(ctx, id, undefined);
      return request!.qualificationTypeId;
    });
    res.redirect(303, `/console/qualifications/${encodeURIComponent(typeId)}?done=requestRejected`);
  });

  // ---- Clock and request log (the harness's, so loopback only unless --control-from-anywhere) ----

  get("/console/clock", (req, res) => {
    sessions.requireRequester(req);
    const { now, frozen } = domain.clock.state();
    render(req, res, 200, "Clock", "/console/clock", clockPage(now, frozen, Date.now(), sessions.csrfToken(req, res), controlAllowed(req)), NOTICES[String(req.query.done ?? "")]);
  });

  post("/console/clock", (req, res, body) => {
    sessions.requireRequester(req);
    if (!controlAllowed(req)) throw new ConsoleInputError("Only clients on this machine may move the clock.");
    switch (body.action) {
      case "advance": {
        const seconds = Number(text(body.amount)) * Number(text(body.unit) || "1");
        if (!Number.isFinite(seconds) || seconds <= 0) throw new ConsoleInputError("Advance the clock by a positive amount.");
        domain.clock.advance(seconds * 1000);
        break;
      }
      case "set": {
        const at = Date.parse(text(body.at));
        if (Number.isNaN(at)) throw new ConsoleInputError(`"${text(body.at)}" is not a time; write it like 2030-01-31T12:00:00Z.`);
        domain.clock.set(at);
        break;
      }
      case "freeze":
      case "unfreeze":
        domain.clock.freeze(body.action === "freeze");
        break;
      default:
        throw new ConsoleInputError("Choose advance, set, freeze or unfreeze.");
    }
    res.redirect(303, "/console/clock?done=clock");
  });

  get("/console/requests", (req, res) => {
    sessions.requireRequester(req);
    const allowed = controlAllowed(req);
    const entries = allowed ? emu.requestLog.list().slice(-500).reverse() : [];
    render(req, res, 200, "Request log", "/console/requests", requestsPage(entries, allowed));
  });

  return router;
}

const NOTICES: Record<string, string> = {
  approved: "The assignment is approved.",
  rejected: "The assignment is rejected.",
  bonus: "The bonus is sent.",
  expired: "The HIT is expired.",
  added: "The assignments are added.",
  granted: "The Qualification is granted.",
  requestRejected: "The request is rejected.",
  clock: "The clock is changed.",
};
