// The control API under /_emu: what test suites use to play workers, move the clock and reset.
import { Router } from "express";
import * as workers from "../domain/commands/workers";
import type { SubmittedAnswer } from "../domain/commands/workers";
import type { AnswerInput } from "../domain/questions/answers";
import { newEntityId } from "../domain/ids";
import type { Emulator } from "../emulator";
import { ControlError, jsonBody, requireString, route } from "./http";
import { workerAttributesProblem } from "../domain/eligibility";
import { workerRouter } from "./worker-routes";

export function controlRouter(emu: Emulator): Router {
  const router = Router();
  const { domain } = emu;

  router.get("/health", route(() => ({ status: "ok" })));

  router.post(
    "/reset",
    route(() => {
      emu.reset();
      return { status: "ok" };
    }),
  );

  router.get("/clock", route(() => clockState(emu)));
  router.post(
    "/clock",
    route((req) => {
      const body = jsonBody(req);
      const known = ["advanceSeconds", "set", "freeze"].filter((k) => k in body);
      if (known.length === 0) throw new ControlError(400, "InvalidParameter", "Give one of advanceSeconds, set (epoch seconds) or freeze (boolean).");
      if ("advanceSeconds" in body) domain.clock.advance(seconds(body.advanceSeconds, "advanceSeconds") * 1000);
      if ("set" in body) domain.clock.set(seconds(body.set, "set") * 1000);
      if ("freeze" in body) {
        if (typeof body.freeze !== "boolean") throw new ControlError(400, "InvalidParameter", "freeze must be true or false.");
        domain.clock.freeze(body.freeze);
      }
      return clockState(emu);
    }),
  );

  router.post(
    "/workers",
    route((req) => {
      const { WorkerId, ...attributes } = jsonBody(req);
      if (WorkerId !== undefined && typeof WorkerId !== "string") throw new ControlError(400, "InvalidParameter", "WorkerId must be a string.");
      const problem = workerAttributesProblem(attributes);
      if (problem) throw new ControlError(400, "InvalidWorkerAttribute", problem);
      const worker = domain.run((ctx) => workers.createWorker(ctx, { workerId: WorkerId, attributes }));
      return { WorkerId: worker.id };
    }),
  );

  router.post(
    "/workers/:workerId/accept",
    route((req) => {
      const hitId = requireString(jsonBody(req), "HITId");
      const assignment = domain.run((ctx) => workers.acceptHit(ctx, String(req.params.workerId), hitId));
      return { AssignmentId: assignment.id };
    }),
  );

  router.post(
    "/assignments/:assignmentId/submit",
    route((req) => {
      const answer = submittedAnswer(jsonBody(req));
      const assignment = domain.run((ctx) => workers.submitAssignment(ctx, String(req.params.assignmentId), answer));
      return { AssignmentId: assignment.id, AssignmentStatus: assignment.status };
    }),
  );

  router.post(
    "/assignments/:assignmentId/return",
    route((req) => {
      const assignment = domain.run((ctx) => workers.returnAssignment(ctx, String(req.params.assignmentId)));
      return { AssignmentId: assignment.id, AssignmentStatus: assignment.status };
    }),
  );

  router.post(
    "/assignments/:assignmentId/abandon",
    route((req) => {
      const assignment = domain.run((ctx) => workers.abandonAssignment(ctx, String(req.params.assignmentId)));
      return { AssignmentId: assignment.id, AssignmentStatus: assignment.status };
    }),
  );

  router.post(
    "/layouts",
    route((req) => {
      const body = jsonBody(req);
      const template = requireString(body, "Template");
      const id = body.HITLayoutId === undefined ? newEntityId() : requireString(body, "HITLayoutId");
      if (!/^[A-Z0-9]{1,64}$/.test(id)) throw new ControlError(400, "InvalidParameter", "HITLayoutId must match ^[A-Z0-9]+$ (at most 64 characters).");
      domain.run((ctx) => ctx.store.putHitLayout({ id, template }));
      return { HITLayoutId: id };
    }),
  );

  router.get(
    "/files/:assignmentId/:questionIdentifier",
    route((req, res) => {
      const expires = Number(req.query.expires);
      if (!Number.isFinite(expires) || expires * 1000 < domain.clock.now()) {
        throw new ControlError(403, "UrlExpired", "This file upload URL has expired; ask GetFileUploadURL for a new one.");
      }
      const file = domain.run((ctx) => ctx.store.getUploadedFile(String(req.params.assignmentId), String(req.params.questionIdentifier)));
      if (!file) throw new ControlError(404, "FileNotFound", "No file was uploaded for this assignment and question.");
      res.type(file.contentType).send(file.data);
    }),
  );

  router.use(workerRouter(emu));

  return router;
}

function clockState(emu: Emulator) {
  const { now, frozen } = emu.domain.clock.state();
  return { now: now / 1000, frozen };
}

function seconds(value: unknown, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new ControlError(400, "InvalidParameter", `${name} must be a number of seconds.`);
  return value;
}

function submittedAnswer(body: Record<string, unknown>): SubmittedAnswer {
  if (typeof body.AnswerXml === "string") return { answerXml: body.AnswerXml };
  const answers = body.Answers;
  const valid =
    typeof answers === "object" &&
    answers !== null &&
    !Array.isArray(answers) &&
    Object.values(answers).every((v) => typeof v === "string" || (Array.isArray(v) && v.every((s) => typeof s === "string")));
  if (!valid) {
    throw new ControlError(400, "InvalidParameter", 'Give Answers ({"<QuestionIdentifier>": "text" | ["sel1", "sel2"]}) or AnswerXml (a QuestionFormAnswers document).');
  }
  return { answers: answers as AnswerInput };
}
