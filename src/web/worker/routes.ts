// The worker site. URLs (MTurk's where there was one):
//   GET  /  (also /projects)                    HIT groups: ?q= search, ?sort=created|reward|available|title, ?order=asc|desc
//   GET  /mturk/preview?groupId=… | ?hitId=…   preview a HIT (the group's next one you can take)
//   POST /mturk/accept                          accept it (hitId) → the task page
//   GET  /projects/{groupId}/tasks/{hitId}?assignment_id=…   work on your assignment
//   POST /mturk/submit                          a QuestionForm's answers (multipart, with uploads)
//   POST /mturk/return                          return an assignment
//   POST /mturk/externalSubmit                  an ExternalQuestion/HTMLQuestion page's form (the MTurk protocol)
//   GET  /mturk/htmlquestion/{hitId}?assignmentId=…&hitId=…&turkSubmitTo=…&workerId=…   an HTMLQuestion's page
//   GET  /mturk/time-left?assignmentId=…        JSON: time left on the emulator clock (the countdown resyncs)
//   GET  /dashboard                             assignments, earnings, bonuses, qualifications, messages
//   GET  /qualifications, /qualifications/{id}; POST /qualifications/{id}/request (takes the test)
//   GET|POST /worker/signin, POST /worker/signout
import { Router, type Request, type Response } from "express";
import express from "express";
import { submitExternalForm, submitQualificationRequest, submitQuestionForm } from "../../domain/commands/form-submissions";
import {
  ASSIGNMENT_ID_NOT_AVAILABLE, listHitGroups, listRequestableTypes, previewHit, requestableType, timeLeftMs, workerAssignment, workerDashboard,
  type HitGroupSort,
} from "../../domain/commands/worker-views";
import { acceptHit, createWorker, returnAssignment, WorkerActionError } from "../../domain/commands/workers";
import { parseQuestion, parseQuestionFormTest, type ParsedQuestion } from "../../domain/questions/question";
import type { HitView } from "../../domain/records";
import { rewriteTaskPage } from "../assets";
import { errorBox, html, type Html } from "../html";
import { describeError, MAX_FORM_BYTES, multipart, page, parseWith, safeNext, sendHtml, siteBase, urlencoded, type Site } from "../http";
import { decodeForm, stickyValues, type PostedFile } from "../question-form/fields";
import { SignInRequired } from "../session";
import {
  assignmentOverPage, dashboardPage, externalSubmitPage, groupsPage, previewPage, qualificationPage, qualificationsPage, questionFormArea, signInPage,
  taskFrame, workerLayout, workPage, workUrl, type WorkerChrome,
} from "./pages";

const HTML_QUESTION_SANDBOX = "allow-scripts allow-forms allow-popups";
const EXTERNAL_QUESTION_SANDBOX = "allow-scripts allow-forms allow-popups allow-same-origin";

export function workerRouter(site: Site): Router {
  const router = Router();
  const { emu, sessions } = site;
  const domain = emu.domain;

  const chrome = (req: Request, res: Response, current: string, notice?: string): WorkerChrome => ({
    workerId: currentWorker(req, res),
    csrf: sessions.csrfToken(req, res),
    current,
    notice,
  });
  const render = (req: Request, res: Response, status: number, title: string, current: string, body: Html, notice?: string) =>
    sendHtml(res, status, workerLayout(title, chrome(req, res, current, notice), body));
  const errorPage = (req: Request, res: Response, status: number, title: string, message: string) =>
    render(req, res, status, title, "", errorBox(title, message, [{ href: "/", label: "Find HITs" }, { href: "/dashboard", label: "Your dashboard" }]));
  const signIn = (err: SignInRequired) => `/worker/signin?next=${encodeURIComponent(err.next)}`;
  const get = (path: string, handler: (req: Request, res: Response) => unknown) => router.get(path, page(signIn, errorPage, handler));
  const post = (path: string, handler: (req: Request, res: Response) => unknown) => router.post(path, page(signIn, errorPage, handler));
  /** The signed-in worker, if the worker still exists (a reset forgets workers: sign the browser out). */
  const currentWorker = (req: Request, res: Response): string | undefined => {
    const id = sessions.workerId(req);
    if (id === undefined) return undefined;
    if (domain.run((ctx) => ctx.store.getWorker(id))) return id;
    sessions.signOutWorker(res);
    return undefined;
  };
  const requireWorker = (req: Request, res: Response): string => {
    const id = currentWorker(req, res);
    if (id === undefined) throw new SignInRequired("worker", req.method === "GET" ? req.originalUrl : "/");
    return id;
  };
  const formPost = async (req: Request, res: Response): Promise<Record<string, unknown>> => {
    await parseWith(urlencoded, req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    sessions.checkCsrf(req, body._csrf);
    return body;
  };
  const multipartPost = async (req: Request, res: Response): Promise<{ body: Record<string, unknown>; files: PostedFile[] }> => {
    await parseWith(multipart, req, res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    sessions.checkCsrf(req, body._csrf);
    return { body, files: (req.files as PostedFile[] | undefined) ?? [] };
  };

  // ---- Signing in ----

  get("/worker/signin", (req, res) => {
    const next = safeNext(req.query.next, "/");
    render(req, res, 200, "Sign in", "", signInPage(next, sessions.csrfToken(req, res)));
  });

  post("/worker/signin", async (req, res) => {
    const body = await formPost(req, res);
    const next = safeNext(body.next, "/");
    const workerId = String(body.workerId ?? "").trim();
    try {
      const worker = domain.run((ctx) => createWorker(ctx, { workerId }));
      sessions.signInWorker(res, worker.id);
      res.redirect(303, next);
    } catch (err) {
      if (!(err instanceof WorkerActionError)) throw err;
      render(req, res, 400, "Sign in", "", signInPage(next, sessions.csrfToken(req, res), err.message, workerId));
    }
  });

  post("/worker/signout", async (req, res) => {
    await formPost(req, res);
    sessions.signOutWorker(res);
    res.redirect(303, "/");
  });

  // ---- HIT groups ----

  const groups = (req: Request, res: Response) => {
    const workerId = currentWorker(req, res);
    const sortParam = String(req.query.sort ?? "created");
    const sort: HitGroupSort = (["reward", "created", "available", "title"] as const).find((s) => s === sortParam) ?? "created";
    const search = typeof req.query.q === "string" ? req.query.q : "";
    const descending = req.query.order === "asc" ? false : req.query.order === "desc" ? true : undefined;
    const list = domain.run((ctx) => listHitGroups(ctx, workerId, { search, sort, descending }));
    render(req, res, 200, "HITs", "/", groupsPage(list, { search, sort, descending }, workerId !== undefined));
  };
  // GET / with an Operation (or ?wsdl) is the legacy API's.
  router.get("/", (req, res, next) => ("Operation" in req.query || "wsdl" in req.query ? next() : page(signIn, errorPage, groups)(req, res, next)));
  get("/projects", groups);

  // ---- Preview and accept ----

  get("/mturk/preview", (req, res) => {
    const workerId = currentWorker(req, res);
    const target = typeof req.query.hitId === "string" ? { hitId: req.query.hitId } : typeof req.query.groupId === "string" ? { groupId: req.query.groupId } : undefined;
    if (!target) throw new WorkerActionError("HITNotFound", "Say which HIT to preview: /mturk/preview?groupId=… or ?hitId=….");
    const preview = domain.run((ctx) => previewHit(ctx, workerId, target));
    const c = chrome(req, res, "/");
    const task = taskArea(req, preview.hit, "preview", c.csrf, workerId);
    sendHtml(res, 200, workerLayout(`Preview: ${preview.hit.type.title}`, c, previewPage(preview, task, c)));
  });

  post("/mturk/accept", async (req, res) => {
    const body = await formPost(req, res);
    const workerId = requireWorker(req, res);
    const assignment = domain.run((ctx) => acceptHit(ctx, workerId, String(body.hitId ?? "")));
    const hit = domain.run((ctx) => ctx.store.getHit(assignment.hitId)!);
    res.redirect(303, workUrl(hit, assignment.id));
  });

  // ---- Working on an assignment ----

  const showWork = (req: Request, res: Response, status: number, assignmentId: string, form?: { values: Map<string, string[]>; problems: Record<string, string[]> }) => {
    const workerId = requireWorker(req, res);
    const { assignment, hit, remaining, frozen } = domain.run((ctx) => {
      const found = workerAssignment(ctx, workerId, assignmentId);
      return { ...found, remaining: timeLeftMs(ctx, found.assignment), frozen: domain.clock.state().frozen };
    });
    if (assignment.status !== "Accepted") return render(req, res, 200, hit.type.title, "/dashboard", assignmentOverPage(hit, assignment));
    const c = chrome(req, res, "/");
    const task = taskArea(req, hit, "work", c.csrf, workerId, assignment.id, form);
    sendHtml(res, status, workerLayout(hit.type.title, c, workPage(hit, assignment, remaining, frozen, task, c)));
  };

  get("/projects/:groupId/tasks/:hitId", (req, res) => {
    const assignmentId = typeof req.query.assignment_id === "string" ? req.query.assignment_id : "";
    if (assignmentId === "") {
      res.redirect(303, `/mturk/preview?hitId=${encodeURIComponent(String(req.params.hitId))}`);
      return;
    }
    showWork(req, res, 200, assignmentId);
  });

  post("/mturk/submit", async (req, res) => {
    const { body, files } = await multipartPost(req, res);
    const workerId = requireWorker(req, res);
    const assignmentId = String(body.assignmentId ?? "");
    const outcome = domain.run((ctx) => {
      const { hit } = workerAssignment(ctx, workerId, assignmentId);
      const question = parseQuestion(hit.question);
      if (question.kind !== "QuestionForm") {
        throw new WorkerActionError("NotAQuestionForm", `HIT ${hit.id} is an ${question.kind}: its own page submits its answers.`);
      }
      return submitQuestionForm(ctx, workerId, assignmentId, decodeForm(question, body, files));
    });
    if (!outcome.ok) return showWork(req, res, 422, assignmentId, { values: stickyValues(body), problems: outcome.problems });
    res.redirect(303, `/dashboard?submitted=${encodeURIComponent(assignmentId)}`);
  });

  post("/mturk/return", async (req, res) => {
    const body = await formPost(req, res);
    const workerId = requireWorker(req, res);
    const assignmentId = String(body.assignmentId ?? "");
    domain.run((ctx) => {
      workerAssignment(ctx, workerId, assignmentId);
      return returnAssignment(ctx, assignmentId, workerId);
    });
    res.redirect(303, `/dashboard?returned=${encodeURIComponent(assignmentId)}`);
  });

  router.get("/mturk/time-left", (req, res) => {
    const workerId = currentWorker(req, res);
    const assignmentId = typeof req.query.assignmentId === "string" ? req.query.assignmentId : "";
    res.set("Cache-Control", "no-store");
    if (!workerId) return void res.status(401).json({ code: "SignInRequired", message: "Sign in as a worker first." });
    try {
      const answer = domain.run((ctx) => {
        const { assignment } = workerAssignment(ctx, workerId, assignmentId);
        return { assignmentId: assignment.id, status: assignment.status, remainingMs: timeLeftMs(ctx, assignment), deadline: assignment.deadlineMs / 1000, frozen: domain.clock.state().frozen };
      });
      res.json(answer);
    } catch (err) {
      const { status, message } = describeError(err);
      res.status(status).json({ code: err instanceof WorkerActionError ? err.code : "Error", message });
    }
  });

  // ---- The MTurk task-page protocol ----

  router.get("/mturk/htmlquestion/:hitId", page(signIn, errorPage, (req, res) => {
    const workerId = currentWorker(req, res);
    const { hit } = domain.run((ctx) => previewHit(ctx, workerId, { hitId: String(req.params.hitId) }));
    const question = parseQuestion(hit.question);
    if (question.kind !== "HTMLQuestion") throw new WorkerActionError("HITNotFound", `HIT ${hit.id} is not an HTMLQuestion.`);
    // Its own document, sandboxed even when opened outside the site's frame: an opaque origin, never the site's.
    res.set({
      "Content-Security-Policy": `sandbox ${HTML_QUESTION_SANDBOX}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
    });
    res.status(200).type("html").send(rewriteTaskPage(question.htmlContent));
  }));

  router.post("/mturk/externalSubmit", express.raw({ type: () => true, limit: MAX_FORM_BYTES }), async (req: Request, res: Response) => {
    const origin = siteBase(req);
    const answer = (status: number, outcome: "submitted" | "refused", title: string, message: string, assignmentId = "") => {
      res.set({
        "Content-Security-Policy": `default-src 'none'; script-src ${origin}/static/frame.js; style-src ${origin}/static/site.css; form-action 'none'; base-uri 'none'`,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
      });
      res.status(status).type("html").send(externalSubmitPage(outcome, title, message, assignmentId, origin).toString());
    };
    try {
      const fields = await postedFields(req);
      const workerId = currentWorker(req, res);
      const assignment = domain.run((ctx) => submitExternalForm(ctx, workerId, fields));
      answer(200, "submitted", "Your answers were submitted", `Assignment ${assignment.id} is submitted and waits for the requester's review.`, assignment.id);
    } catch (err) {
      const { status, title, message } = describeError(err);
      if (status === 500) console.error("mturk-emu: internal error in /mturk/externalSubmit:", err);
      answer(status, "refused", title, message);
    }
  });

  // ---- Dashboard ----

  get("/dashboard", (req, res) => {
    const workerId = requireWorker(req, res);
    const dashboard = domain.run((ctx) => workerDashboard(ctx, workerId));
    const submitted = typeof req.query.submitted === "string" ? dashboard.assignments.find((a) => a.assignment.id === req.query.submitted && a.assignment.status !== "Accepted") : undefined;
    const returned = typeof req.query.returned === "string" ? dashboard.assignments.find((a) => a.assignment.id === req.query.returned && a.assignment.status === "Returned") : undefined;
    const notice = submitted ? `You submitted your work on “${submitted.title}”.` : returned ? `You returned “${returned.title}”.` : undefined;
    render(req, res, 200, "Dashboard", "/dashboard", dashboardPage(dashboard, sessions.csrfToken(req, res)), notice);
  });

  // ---- Qualifications ----

  get("/qualifications", (req, res) => {
    const workerId = currentWorker(req, res);
    const search = typeof req.query.q === "string" ? req.query.q : "";
    const types = domain.run((ctx) => listRequestableTypes(ctx, workerId, search));
    render(req, res, 200, "Qualifications", "/qualifications", qualificationsPage(types, search));
  });

  get("/qualifications/:typeId", (req, res) => {
    const workerId = currentWorker(req, res);
    const typeId = String(req.params.typeId);
    const t = domain.run((ctx) => requestableType(ctx, workerId, typeId));
    const request = req.query.requested !== undefined ? t.latest : undefined;
    const form = t.type.test ? parseQuestionFormTest(t.type.test) : undefined;
    const body = qualificationPage(t, form, sessions.csrfToken(req, res), undefined, undefined, request);
    render(req, res, 200, t.type.name, "/qualifications", workerId ? body : html`${body}<p><a href="/worker/signin?next=${encodeURIComponent(req.originalUrl)}">Sign in</a> to request it.</p>`);
  });

  post("/qualifications/:typeId/request", async (req, res) => {
    const { body, files } = await multipartPost(req, res);
    const workerId = requireWorker(req, res);
    const typeId = String(req.params.typeId);
    const t = domain.run((ctx) => requestableType(ctx, workerId, typeId));
    const form = t.type.test ? parseQuestionFormTest(t.type.test) : undefined;
    const outcome = domain.run((ctx) => submitQualificationRequest(ctx, workerId, typeId, form ? decodeForm(form, body, files) : { fields: [], files: [] }));
    if (!outcome.ok) {
      return render(req, res, 422, t.type.name, "/qualifications", qualificationPage(t, form, sessions.csrfToken(req, res), stickyValues(body), outcome.problems));
    }
    res.redirect(303, `/qualifications/${encodeURIComponent(typeId)}?requested=1`);
  });

  // ---- The task area of a preview or a work page ----

  function taskArea(
    req: Request,
    hit: HitView,
    mode: "preview" | "work",
    csrf: string,
    workerId: string | undefined,
    assignmentId?: string,
    form?: { values: Map<string, string[]>; problems: Record<string, string[]> },
  ): Html {
    const question: ParsedQuestion = parseQuestion(hit.question);
    if (question.kind === "QuestionForm") return questionFormArea(question, mode, csrf, assignmentId, form?.values, form?.problems);
    const base = siteBase(req);
    // CGI-style parameters, as MTurk appends them (MODERN-API.md §5.3); a preview gets ASSIGNMENT_ID_NOT_AVAILABLE.
    const params: Array<[string, string]> =
      mode === "work"
        ? [["assignmentId", assignmentId!], ["hitId", hit.id], ["turkSubmitTo", base], ["workerId", workerId!]]
        : [["assignmentId", ASSIGNMENT_ID_NOT_AVAILABLE], ["hitId", hit.id], ["turkSubmitTo", base]];
    if (question.kind === "HTMLQuestion") {
      return taskFrame(appendQuery(`/mturk/htmlquestion/${encodeURIComponent(hit.id)}`, params), hit.type.title, question.frameHeight, HTML_QUESTION_SANDBOX);
    }
    // A task page on the emulator's own origin must not share it with the site.
    const sameOrigin = (() => {
      try {
        return new URL(question.externalUrl).origin === new URL(base).origin;
      } catch {
        return true;
      }
    })();
    return taskFrame(appendQuery(question.externalUrl, params), hit.type.title, question.frameHeight, sameOrigin ? HTML_QUESTION_SANDBOX : EXTERNAL_QUESTION_SANDBOX);
  }

  return router;
}

/** Appends parameters to a URL's query, keeping the existing query (and any fragment) as it was written. */
export function appendQuery(url: string, params: ReadonlyArray<readonly [string, string]>): string {
  const hash = url.indexOf("#");
  const [base, fragment] = hash < 0 ? [url, ""] : [url.slice(0, hash), url.slice(hash)];
  const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  const joiner = !base.includes("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
  return `${base}${joiner}${query}${fragment}`;
}

/** The posted form's fields, in order, names as written (URL-encoded or multipart; files are refused). */
async function postedFields(req: Request): Promise<Array<[string, string]>> {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const type = req.get("content-type") ?? "application/x-www-form-urlencoded";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new WorkerActionError("UnreadableForm", `externalSubmit takes an HTML form post (application/x-www-form-urlencoded or multipart/form-data), not ${type.split(";")[0]}.`);
  }
  let data: FormData;
  try {
    data = await new Response(body, { headers: { "content-type": type } }).formData();
  } catch {
    throw new WorkerActionError("UnreadableForm", "The form post could not be read.");
  }
  const fields: Array<[string, string]> = [];
  for (const [name, value] of data.entries()) {
    if (typeof value !== "string") {
      throw new WorkerActionError("FileNotAccepted", `The field "${name}" is a file: answers posted to externalSubmit are text only (a QuestionForm's FileUploadAnswer takes files).`);
    }
    fields.push([name, value]);
  }
  return fields;
}
