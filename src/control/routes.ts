// The control API under /_emu: what test suites use to play workers, move the clock and reset.
import { Router } from "express";
import * as workers from "../domain/commands/workers";
import { newEntityId } from "../domain/ids";
import type { Emulator } from "../emulator";
import { ControlError, jsonBody, route } from "./http";
import { acceptBody, clockBody, layoutBody, submittedAnswer, workerBody } from "./schemas";
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
      const body = clockBody(jsonBody(req));
      if (body.advanceSeconds !== undefined) domain.clock.advance(body.advanceSeconds * 1000);
      if (body.set !== undefined) domain.clock.set(body.set * 1000);
      if (body.freeze !== undefined) domain.clock.freeze(body.freeze);
      return clockState(emu);
    }),
  );

  router.post(
    "/workers",
    route((req) => {
      const { WorkerId, ...attributes } = workerBody(jsonBody(req));
      const problem = workerAttributesProblem(attributes);
      if (problem) throw new ControlError(400, "InvalidWorkerAttribute", problem);
      const worker = domain.run((ctx) => workers.createWorker(ctx, { workerId: WorkerId, attributes }));
      return { WorkerId: worker.id };
    }),
  );

  router.post(
    "/workers/:workerId/accept",
    route((req) => {
      const { HITId } = acceptBody(jsonBody(req));
      const assignment = domain.run((ctx) => workers.acceptHit(ctx, String(req.params.workerId), HITId));
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
      const body = layoutBody(jsonBody(req));
      const id = body.HITLayoutId ?? newEntityId();
      domain.run((ctx) => ctx.store.putHitLayout({ id, template: body.Template }));
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
