// Files workers uploaded for FileUploadAnswer questions (stored by submitQuestionForm), as their requester reads
// them: the same visibility as GetFileUploadURL (fileUploadUrl), without the URL's expiry.
import type { RequesterCtx } from "../context";
import { errors } from "../errors";
import type { UploadedFile } from "../records";
import { visibleAssignment } from "./assignments";

export function uploadedFile(ctx: RequesterCtx, assignmentId: string, questionIdentifier: string): UploadedFile {
  const { assignment } = visibleAssignment(ctx, assignmentId);
  const file = ctx.store.getUploadedFile(assignment.id, questionIdentifier);
  if (!file) throw errors.invalidParameter("QuestionIdentifier", questionIdentifier, "No file was uploaded for this question.");
  return file;
}
