// UpdateQualificationScore of the legacy API (LEGACY-API.md §2.2): changes the value of a qualification a
// worker holds. The modern API does this with AssociateQualificationWithWorker, which also grants.
import type { RequesterCtx } from "../context";
import { errors } from "../errors";
import { DEFAULT_QUALIFICATION_VALUE, grantQualification, knownWorker, ownQualificationType } from "./qualifications";

export function updateQualificationScore(ctx: RequesterCtx, input: { typeId: string; workerId: string; integerValue?: number }): void {
  const type = ownQualificationType(ctx, input.typeId);
  knownWorker(ctx, input.workerId);
  const held = ctx.store.getWorkerQualification(type.id, input.workerId);
  if (!held || held.status !== "Granted") throw errors.qualificationDoesNotExist();
  grantQualification(ctx, type.id, input.workerId, input.integerValue ?? DEFAULT_QUALIFICATION_VALUE);
}
