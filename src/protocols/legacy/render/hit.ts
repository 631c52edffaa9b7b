// The HIT structure (WSDL order), cut to the response groups asked for (LEGACY-API.md §2.4, §2.6):
// Minimal = HITId, HITTypeId; HITDetail = the type's properties and the HIT's status; HITQuestion = Question;
// HITAssignmentSummary = the three assignment counters.
import { availableAssignments } from "../../../domain/hit-state";
import type { HitView, Locale, QualificationRequirement } from "../../../domain/records";
import { price } from "./price";
import { dateTime, el, leaf, type XChild, type XNode } from "./xml";

export function hitChildren(hit: HitView, groups: ReadonlySet<string>): XChild[] {
  const t = hit.type;
  const detail = groups.has("HITDetail");
  const question = groups.has("HITQuestion");
  const summary = groups.has("HITAssignmentSummary");
  return [
    leaf("HITId", hit.id),
    leaf("HITTypeId", t.id),
    detail && [
      leaf("HITGroupId", t.groupId),
      leaf("HITLayoutId", hit.hitLayoutId),
      leaf("CreationTime", dateTime(hit.createdMs)),
      leaf("Title", t.title),
      leaf("Description", t.description),
    ],
    question && leaf("Question", hit.question),
    detail && [
      leaf("Keywords", t.keywords),
      leaf("HITStatus", hit.status),
      leaf("MaxAssignments", hit.maxAssignments),
      price("Reward", t.reward),
      leaf("AutoApprovalDelayInSeconds", t.autoApprovalDelayS),
      leaf("Expiration", dateTime(hit.expirationMs)),
      leaf("AssignmentDurationInSeconds", t.assignmentDurationS),
      leaf("RequesterAnnotation", hit.requesterAnnotation),
      t.qualificationRequirements.map(requirement),
      leaf("HITReviewStatus", "NotReviewed"),
    ],
    summary && [
      leaf("NumberOfAssignmentsPending", hit.pending),
      leaf("NumberOfAssignmentsAvailable", availableAssignments(hit)),
      leaf("NumberOfAssignmentsCompleted", hit.completed),
    ],
  ];
}

/** A HIT inside a list result: never with a Request child (rturk requires every //Request/IsValid to be True). */
export const hitElement = (hit: HitView, groups: ReadonlySet<string>): XNode => el("HIT", hitChildren(hit, groups));

/**
 * The legacy API has no ActionsGuarded: a requirement that guards previewing (or discovery) shows as
 * RequiredToPreview=true.
 */
export function requirement(r: QualificationRequirement): XNode {
  const guardsPreview = r.RequiredToPreview ?? (r.ActionsGuarded === "PreviewAndAccept" || r.ActionsGuarded === "DiscoverPreviewAndAccept" ? true : undefined);
  return el(
    "QualificationRequirement",
    leaf("QualificationTypeId", r.QualificationTypeId),
    leaf("Comparator", r.Comparator),
    (r.IntegerValues ?? []).map((v) => leaf("IntegerValue", v)),
    (r.LocaleValues ?? []).map((l) => locale(l)),
    leaf("RequiredToPreview", guardsPreview),
  );
}

export const locale = (l: Locale, name = "LocaleValue"): XNode => el(name, leaf("Country", l.Country), leaf("Subdivision", l.Subdivision));
