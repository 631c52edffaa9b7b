// Assignment operations of the legacy API without a modern operation of their own (LEGACY-API.md §2.2).
import type { RequesterCtx } from "../context";
import { errors } from "../errors";
import { approveAssignment, visibleAssignment } from "./assignments";

/**
 * ApproveRejectedAssignment: only a Rejected assignment (ApproveAssignment with OverrideRejection also takes a
 * Submitted one), within the same 30 days of its submission.
 */
export function approveRejectedAssignment(ctx: RequesterCtx, assignmentId: string, feedback: string | undefined): void {
  const { assignment } = visibleAssignment(ctx, assignmentId);
  if (assignment.status !== "Rejected") throw errors.invalidAssignmentState("Rejected");
  approveAssignment(ctx, assignmentId, feedback, true);
}
