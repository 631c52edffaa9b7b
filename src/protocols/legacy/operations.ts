// The legacy operation table: every operation of the 2012-03-25 / 2014-08-15 WSDL (44), each saying what kind
// of mapping it is, how its parameters are read, which domain command(s) it runs and how its result is
// rendered. A missing entry does not compile. Business rules stay in src/domain; this table only translates.
//
// Kinds: alias (a modern operation under another name), adapter (same rule, reshaped parameters/paging/result),
// composite (several domain steps in one transaction), legacy-only (no modern counterpart).
import type { ApiCtx } from "../../api/context";
import type { RequesterCtx } from "../../domain/context";
import { accountBalance } from "../../domain/commands/account";
import * as assignments from "../../domain/commands/assignments";
import { approveRejectedAssignment } from "../../domain/commands/assignment-admin";
import * as blocks from "../../domain/commands/blocks";
import { changeHitTypeOfHit, disableHit, disposeHit, EXTEND_LIMITS, extendHit, forceExpireHit } from "../../domain/commands/hit-admin";
import { searchAssignmentsForHit, searchHits, searchReviewableHits } from "../../domain/commands/hit-search";
import { registerHitType } from "../../domain/commands/hit-types";
import * as hits from "../../domain/commands/hits";
import * as notifications from "../../domain/commands/notifications";
import { sendTestEvent } from "../../api/handlers/notifications";
import { notifyWorkers } from "../../domain/commands/notify";
import * as qualificationRequests from "../../domain/commands/qualification-requests";
import * as qualifications from "../../domain/commands/qualifications";
import { updateQualificationScore } from "../../domain/commands/qualification-scores";
import * as statistics from "../../domain/commands/statistics";
import type { Assignment, AssignmentStatus, Bonus, EventType, HitView, QualificationRequest, QualificationType, ReviewAction, ReviewEntry, ReviewLevel, ReviewResult } from "../../domain/records";
import { listReviewPolicyResults } from "../../domain/review-policies/results";
import type { AssignmentSortProperty, HitSortProperty } from "../../domain/store";
import { legacyErrors } from "./errors";
import { cut, drain, BONUS_ORDER, NUM_FIRST, pageWindow, pagingElements, SORT_DIRECTIONS, type PageWindow, type Windowed } from "./paging";
import type { Params } from "./params";
import { assignmentElement, bonusElement } from "./render/assignment";
import { hitChildren, hitElement } from "./render/hit";
import { price } from "./render/price";
import { qualificationChildren, qualificationElement, qualificationRequestElement, qualificationTypeChildren, qualificationTypeElement, type QualificationView } from "./render/qualification";
import { dateTime, el, leaf, type XChild } from "./render/xml";
import { maxLength } from "../../api/limits";
import { EVENT_TYPES, limited, readHitTypeProps, readNotification, readReviewPolicy, SECONDS } from "./structures";

/** The 44 operations of the legacy WSDL portType, in the WSDL's order. */
export const LEGACY_OPERATION_NAMES = [
  "CreateHIT",
  "RegisterHITType",
  "SetHITTypeNotification",
  "SendTestEventNotification",
  "DisposeHIT",
  "DisableHIT",
  "GetHIT",
  "GetAssignment",
  "GetReviewResultsForHIT",
  "GetReviewableHITs",
  "GetHITsForQualificationType",
  "GetQualificationsForQualificationType",
  "SetHITAsReviewing",
  "ExtendHIT",
  "ForceExpireHIT",
  "ApproveAssignment",
  "RejectAssignment",
  "ApproveRejectedAssignment",
  "GetAssignmentsForHIT",
  "GetFileUploadURL",
  "SearchHITs",
  "GrantBonus",
  "GetBonusPayments",
  "ChangeHITTypeOfHIT",
  "CreateQualificationType",
  "GrantQualification",
  "AssignQualification",
  "RevokeQualification",
  "GetQualificationType",
  "GetQualificationRequests",
  "RejectQualificationRequest",
  "UpdateQualificationType",
  "SearchQualificationTypes",
  "GetQualificationScore",
  "UpdateQualificationScore",
  "DisposeQualificationType",
  "GetRequesterStatistic",
  "GetRequesterWorkerStatistic",
  "NotifyWorkers",
  "GetAccountBalance",
  "GetBlockedWorkers",
  "BlockWorker",
  "UnblockWorker",
  "Help",
] as const;

export type LegacyOperationName = (typeof LEGACY_OPERATION_NAMES)[number];

export const isLegacyOperation = (name: string): name is LegacyOperationName => (LEGACY_OPERATION_NAMES as readonly string[]).includes(name);

export type LegacyKind = "alias" | "adapter" | "composite" | "legacy-only";

export type LegacyVersion = "2012-03-25" | "2014-08-15";

export interface RenderCtx {
  /** The response groups in effect: those asked for, or the operation's defaults; Minimal always. */
  groups: ReadonlySet<string>;
  version: LegacyVersion;
  baseUrl: string;
}

export interface LegacyOpSpec<I, O> {
  kind: LegacyKind;
  /** The modern operation(s) with the same effect (documentation only). */
  modern: readonly string[];
  /** One line for Help and the mapping documentation. */
  description: string;
  /** Parameters the WSDL requires (checked before `read`, answered with AWS.MissingParameters) and the others. */
  required: readonly string[];
  optional: readonly string[];
  /** The result element; `<Op>Result` when absent. */
  result?: string;
  /** Response groups beyond Minimal and Request, and the defaults. */
  responseGroups?: { available: readonly string[]; default: readonly string[] };
  /** Help may be called without credentials. */
  anonymous?: boolean;
  read(p: Params): I;
  run(api: ApiCtx, input: I): O | Promise<O>;
  render(out: O, r: RenderCtx): XChild[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LegacyOp = LegacyOpSpec<any, any>;

/** Keeps each entry's input and output types tied together while the table holds them all. */
const op = <I, O>(spec: LegacyOpSpec<I, O>): LegacyOp => spec;

const nothing = (): XChild[] => [];

const HIT_GROUPS = ["HITDetail", "HITQuestion", "HITAssignmentSummary"] as const;
const HIT_LIST_DEFAULT = ["HITDetail", "HITAssignmentSummary"] as const;
const HIT_SORTS: readonly HitSortProperty[] = ["Title", "Reward", "Expiration", "CreationTime", "Enumeration"];
const ASSIGNMENT_SORTS: readonly AssignmentSortProperty[] = ["AcceptTime", "SubmitTime", "Answer", "AssignmentStatus"];
const ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ["Submitted", "Approved", "Rejected"];
const PAGING = ["PageSize", "PageNumber"] as const;

const as = <T>(api: ApiCtx, command: (ctx: RequesterCtx) => T): T => api.domain.asRequester(api.requester, command);

/** SortProperty (default `fallback`) and SortDirection (default Ascending). */
function sortOf<P extends string>(p: Params, allowed: readonly P[], fallback: P): { property: P; descending: boolean } {
  const property = p.oneOf("SortProperty", allowed) ?? fallback;
  return { property, descending: p.oneOf("SortDirection", SORT_DIRECTIONS) === "Descending" };
}

const windowOf = (w: PageWindow) => ({ offset: w.offset, limit: w.pageSize });
const windowed = <T>(page: { items: T[]; total: number }, w: PageWindow): Windowed<T> => ({ ...page, pageNumber: w.pageNumber });

function hitList(page: Windowed<HitView>, r: RenderCtx): XChild[] {
  return [pagingElements(page), page.items.map((h) => hitElement(h, r.groups))];
}

const requestable = (type: QualificationType) => qualifications.isRequestable(type);

export const LEGACY_OPERATIONS: Record<LegacyOperationName, LegacyOp> = {
  // ---- HIT types and HITs ----

  RegisterHITType: op({
    kind: "alias",
    modern: ["CreateHITType"],
    description: "Registers a HIT type (identical properties give the same HITTypeId).",
    required: ["AssignmentDurationInSeconds", "Reward", "Title", "Description"],
    optional: ["AutoApprovalDelayInSeconds", "Keywords", "QualificationRequirement", "ResponseGroup"],
    read: readHitTypeProps,
    run: (api, props) => as(api, (ctx) => registerHitType(ctx, props)),
    render: (type) => [leaf("HITTypeId", type.id)],
  }),

  CreateHIT: op({
    kind: "adapter",
    modern: ["CreateHIT", "CreateHITWithHITType"],
    description: "Creates a HIT, of an existing HIT type (HITTypeId) or of the type its properties describe.",
    result: "HIT",
    required: ["LifetimeInSeconds"],
    optional: [
      "HITTypeId", "MaxAssignments", "AutoApprovalDelayInSeconds", "AssignmentDurationInSeconds", "Reward", "Title", "Keywords", "Description",
      "Question", "RequesterAnnotation", "QualificationRequirement", "UniqueRequestToken", "AssignmentReviewPolicy", "HITReviewPolicy",
      "HITLayoutId", "HITLayoutParameter", "ResponseGroup",
    ],
    responseGroups: { available: HIT_GROUPS, default: [] },
    read: (p) => {
      const hitTypeId = p.str("HITTypeId");
      const layoutId = p.str("HITLayoutId");
      return {
        // With a HITTypeId the type's properties in the request are ignored, as documented.
        type: hitTypeId ? { hitTypeId } : readHitTypeProps(p),
        lifetimeS: p.reqInt("LifetimeInSeconds", SECONDS),
        maxAssignments: p.int("MaxAssignments", { min: 1, max: 1_000_000_000 }) ?? 1,
        question: limited(p, "Question", maxLength("CreateHIT", "Question"), p.str("Question")),
        layout: layoutId ? { id: layoutId, parameters: p.structs("HITLayoutParameter").map((x) => ({ Name: x.reqStr("Name"), Value: x.str("Value") ?? "" })) } : undefined,
        requesterAnnotation: limited(p, "RequesterAnnotation", maxLength("CreateHIT", "RequesterAnnotation"), p.str("RequesterAnnotation")),
        uniqueRequestToken: limited(p, "UniqueRequestToken", maxLength("CreateHIT", "UniqueRequestToken"), p.str("UniqueRequestToken")),
        assignmentReviewPolicy: readReviewPolicy(p.struct("AssignmentReviewPolicy")),
        hitReviewPolicy: readReviewPolicy(p.struct("HITReviewPolicy")),
      };
    },
    run: (api, input) => as(api, (ctx) => hits.createHit(ctx, input)),
    render: (hit, r) => hitChildren(hit, r.groups),
  }),

  GetHIT: op({
    kind: "alias",
    modern: ["GetHIT"],
    description: "Returns a HIT.",
    result: "HIT",
    required: ["HITId"],
    optional: ["ResponseGroup"],
    responseGroups: { available: HIT_GROUPS, default: ["HITDetail", "HITQuestion"] },
    read: (p) => p.reqStr("HITId"),
    run: (api, hitId) => as(api, (ctx) => hits.getHit(ctx, hitId)),
    render: (hit, r) => hitChildren(hit, r.groups),
  }),

  SearchHITs: op({
    kind: "adapter",
    modern: ["ListHITs"],
    description: "Pages through the requester's HITs, sorted.",
    required: [],
    optional: ["SortDirection", "SortProperty", ...PAGING, "ResponseGroup"],
    responseGroups: { available: HIT_GROUPS, default: HIT_LIST_DEFAULT },
    read: (p) => ({ order: sortOf(p, HIT_SORTS, "CreationTime"), window: pageWindow(p) }),
    run: (api, { order, window }) => windowed(as(api, (ctx) => searchHits(ctx, order, windowOf(window))), window),
    render: hitList,
  }),

  GetReviewableHITs: op({
    kind: "adapter",
    modern: ["ListReviewableHITs"],
    description: "Pages through the requester's Reviewable (or Reviewing) HITs, sorted.",
    required: [],
    optional: ["HITTypeId", "Status", "SortDirection", "SortProperty", ...PAGING, "ResponseGroup"],
    responseGroups: { available: HIT_GROUPS, default: [] },
    read: (p) => ({
      filter: { statuses: p.manyOf("Status", ["Reviewable", "Reviewing"] as const, { commas: true }), hitTypeId: p.str("HITTypeId") || undefined },
      order: sortOf(p, HIT_SORTS, "Expiration"),
      window: pageWindow(p),
    }),
    run: (api, { filter, order, window }) => windowed(as(api, (ctx) => searchReviewableHits(ctx, filter, order, windowOf(window))), window),
    render: hitList,
  }),

  GetHITsForQualificationType: op({
    kind: "adapter",
    modern: ["ListHITsForQualificationType"],
    description: "Pages through the requester's HITs that require a Qualification type.",
    required: ["QualificationTypeId"],
    optional: [...PAGING, "ResponseGroup"],
    responseGroups: { available: HIT_GROUPS, default: HIT_LIST_DEFAULT },
    read: (p) => ({ typeId: p.reqStr("QualificationTypeId"), window: pageWindow(p) }),
    run: (api, { typeId, window }) => cut(as(api, (ctx) => drain((page) => qualifications.listHitsForQualificationType(ctx, typeId, page))), window),
    render: hitList,
  }),

  ChangeHITTypeOfHIT: op({
    kind: "adapter",
    modern: ["UpdateHITTypeOfHIT"],
    description: "Moves a HIT to another of the requester's HIT types with the same reward.",
    required: ["HITId", "HITTypeId"],
    optional: ["ResponseGroup"],
    read: (p) => ({ hitId: p.reqStr("HITId"), hitTypeId: p.reqStr("HITTypeId") }),
    run: (api, { hitId, hitTypeId }) => as(api, (ctx) => changeHitTypeOfHit(ctx, hitId, hitTypeId)),
    render: nothing,
  }),

  SetHITAsReviewing: op({
    kind: "alias",
    modern: ["UpdateHITReviewStatus"],
    description: "Reviewable → Reviewing, or back with Revert=true.",
    required: ["HITId"],
    optional: ["Revert", "ResponseGroup"],
    read: (p) => ({ hitId: p.reqStr("HITId"), revert: p.bool("Revert") ?? false }),
    run: (api, { hitId, revert }) => as(api, (ctx) => hits.updateReviewStatus(ctx, hitId, revert)),
    render: nothing,
  }),

  ExtendHIT: op({
    kind: "composite",
    modern: ["CreateAdditionalAssignmentsForHIT", "UpdateExpirationForHIT"],
    description: "Adds assignments and/or extends the expiration by an increment (from now if the HIT has expired), in one step.",
    required: ["HITId"],
    optional: ["MaxAssignmentsIncrement", "ExpirationIncrementInSeconds", "UniqueRequestToken", "ResponseGroup"],
    read: (p) => ({
      hitId: p.reqStr("HITId"),
      input: {
        maxAssignmentsIncrement: p.int("MaxAssignmentsIncrement", EXTEND_LIMITS.maxAssignmentsIncrement),
        expirationIncrementS: p.int("ExpirationIncrementInSeconds", EXTEND_LIMITS.expirationIncrementS),
        uniqueRequestToken: limited(p, "UniqueRequestToken", maxLength("CreateHIT", "UniqueRequestToken"), p.str("UniqueRequestToken")),
      },
    }),
    run: (api, { hitId, input }) => as(api, (ctx) => extendHit(ctx, hitId, input)),
    render: nothing,
  }),

  ForceExpireHIT: op({
    kind: "adapter",
    modern: ["UpdateExpirationForHIT"],
    description: "Expires a HIT now; workers who accepted it may still submit.",
    required: ["HITId"],
    optional: ["ResponseGroup"],
    read: (p) => p.reqStr("HITId"),
    run: (api, hitId) => as(api, (ctx) => forceExpireHit(ctx, hitId)),
    render: nothing,
  }),

  DisableHIT: op({
    kind: "composite",
    modern: ["UpdateExpirationForHIT", "ApproveAssignment", "DeleteHIT"],
    description: "Takes a HIT off the marketplace, approves its submitted assignments and disposes of it.",
    required: ["HITId"],
    optional: ["ResponseGroup"],
    read: (p) => p.reqStr("HITId"),
    run: (api, hitId) => as(api, (ctx) => disableHit(ctx, hitId)),
    render: nothing,
  }),

  DisposeHIT: op({
    kind: "adapter",
    modern: ["DeleteHIT"],
    description: "Disposes of a Reviewable HIT whose submissions are all approved or rejected.",
    required: ["HITId"],
    optional: ["ResponseGroup"],
    read: (p) => p.reqStr("HITId"),
    run: (api, hitId) => as(api, (ctx) => disposeHit(ctx, hitId)),
    render: nothing,
  }),

  // ---- Assignments and payments ----

  GetAssignment: op({
    kind: "alias",
    modern: ["GetAssignment"],
    description: "Returns a submitted assignment and its HIT.",
    required: ["AssignmentId"],
    optional: ["ResponseGroup"],
    responseGroups: { available: ["AssignmentFeedback", "HITDetail", "HITQuestion"], default: [] },
    read: (p) => p.reqStr("AssignmentId"),
    run: (api, id) => as(api, (ctx) => assignments.getAssignment(ctx, id)),
    render: ({ assignment, hit }, r) => [assignmentElement(assignment, r.groups), hitElement(hit, r.groups)],
  }),

  GetAssignmentsForHIT: op({
    kind: "adapter",
    modern: ["ListAssignmentsForHIT"],
    description: "Pages through a HIT's submitted, approved and rejected assignments, sorted.",
    required: ["HITId"],
    optional: ["SortDirection", "SortProperty", ...PAGING, "AssignmentStatus", "ResponseGroup"],
    responseGroups: { available: ["AssignmentFeedback"], default: [] },
    read: (p) => ({
      hitId: p.reqStr("HITId"),
      statuses: p.manyOf("AssignmentStatus", ASSIGNMENT_STATUSES, { commas: true }),
      order: sortOf(p, ASSIGNMENT_SORTS, "SubmitTime"),
      window: pageWindow(p),
    }),
    run: (api, { hitId, statuses, order, window }) => windowed(as(api, (ctx) => searchAssignmentsForHit(ctx, hitId, statuses, order, windowOf(window))), window),
    render: (page: Windowed<Assignment>, r) => [pagingElements(page), page.items.map((a) => assignmentElement(a, r.groups))],
  }),

  ApproveAssignment: op({
    kind: "alias",
    modern: ["ApproveAssignment"],
    description: "Approves a submitted assignment.",
    required: ["AssignmentId"],
    optional: ["RequesterFeedback", "ResponseGroup"],
    read: (p) => ({ id: p.reqStr("AssignmentId"), feedback: limited(p, "RequesterFeedback", maxLength("ApproveAssignment", "RequesterFeedback"), p.str("RequesterFeedback")) }),
    run: (api, { id, feedback }) => as(api, (ctx) => assignments.approveAssignment(ctx, id, feedback, false)),
    render: nothing,
  }),

  RejectAssignment: op({
    kind: "alias",
    modern: ["RejectAssignment"],
    description: "Rejects a submitted assignment (RequesterFeedback optional, unlike the modern API).",
    required: ["AssignmentId"],
    optional: ["RequesterFeedback", "ResponseGroup"],
    read: (p) => ({ id: p.reqStr("AssignmentId"), feedback: limited(p, "RequesterFeedback", maxLength("ApproveAssignment", "RequesterFeedback"), p.str("RequesterFeedback")) }),
    run: (api, { id, feedback }) => as(api, (ctx) => assignments.rejectAssignment(ctx, id, feedback)),
    render: nothing,
  }),

  ApproveRejectedAssignment: op({
    kind: "adapter",
    modern: ["ApproveAssignment"],
    description: "Approves a rejected assignment (within 30 days of its submission).",
    required: ["AssignmentId"],
    optional: ["RequesterFeedback", "ResponseGroup"],
    read: (p) => ({ id: p.reqStr("AssignmentId"), feedback: limited(p, "RequesterFeedback", maxLength("ApproveAssignment", "RequesterFeedback"), p.str("RequesterFeedback")) }),
    run: (api, { id, feedback }) => as(api, (ctx) => approveRejectedAssignment(ctx, id, feedback)),
    render: nothing,
  }),

  GetFileUploadURL: op({
    kind: "alias",
    modern: ["GetFileUploadURL"],
    description: "A URL, valid for 60 seconds, of a file a worker uploaded.",
    required: ["AssignmentId", "QuestionIdentifier"],
    optional: [],
    read: (p) => ({ id: p.reqStr("AssignmentId"), question: p.reqStr("QuestionIdentifier") }),
    run: (api, { id, question }) => {
      const { expiresMs } = as(api, (ctx) => assignments.fileUploadUrl(ctx, id, question));
      return `${api.baseUrl}/_emu/files/${id}/${encodeURIComponent(question)}?expires=${Math.floor(expiresMs / 1000)}`;
    },
    render: (url: string) => [leaf("FileUploadURL", url)],
  }),

  GrantBonus: op({
    kind: "alias",
    modern: ["SendBonus"],
    description: "Pays a worker a bonus for an assignment.",
    required: ["WorkerId", "BonusAmount", "AssignmentId", "Reason"],
    optional: ["UniqueRequestToken", "ResponseGroup"],
    read: (p) => ({
      workerId: p.reqStr("WorkerId"),
      assignmentId: p.reqStr("AssignmentId"),
      amount: p.reqPrice("BonusAmount"),
      reason: p.reqStr("Reason"),
      uniqueRequestToken: limited(p, "UniqueRequestToken", maxLength("CreateHIT", "UniqueRequestToken"), p.str("UniqueRequestToken")),
    }),
    run: (api, input) => as(api, (ctx) => assignments.sendBonus(ctx, input)),
    render: nothing,
  }),

  GetBonusPayments: op({
    kind: "adapter",
    modern: ["ListBonusPayments"],
    description: "Pages through the bonuses paid for a HIT or an assignment.",
    required: [],
    optional: ["HITId", "AssignmentId", ...PAGING, "ResponseGroup"],
    read: (p) => ({ filter: { hitId: p.str("HITId") || undefined, assignmentId: p.str("AssignmentId") || undefined }, window: pageWindow(p) }),
    run: (api, { filter, window }) => cut(as(api, (ctx) => drain((page) => assignments.listBonusPayments(ctx, filter, page))), window),
    render: (page: Windowed<Bonus>) => [pagingElements(page, BONUS_ORDER), page.items.map(bonusElement)],
  }),

  GetAccountBalance: op({
    kind: "alias",
    modern: ["GetAccountBalance"],
    description: "The sandbox balance: $10,000.00 available, nothing on hold.",
    required: [],
    optional: ["ResponseGroup", "Unused"],
    read: () => undefined,
    run: (api) => as(api, (ctx) => accountBalance(ctx)),
    render: (balance) => [price("AvailableBalance", balance.available), price("OnHoldBalance", balance.onHold)],
  }),

  GetRequesterStatistic: op({
    kind: "legacy-only",
    modern: [],
    description: "A statistic of the requester's activity, computed from the emulator's state.",
    result: "GetStatisticResult",
    required: ["Statistic"],
    optional: ["TimePeriod", "Count", "ResponseGroup"],
    responseGroups: { available: ["Parameters"], default: ["Parameters"] },
    read: (p) => ({
      statistic: p.oneOf("Statistic", statistics.REQUESTER_STATISTICS)!,
      period: p.oneOf("TimePeriod", statistics.TIME_PERIODS) ?? "LifeToDate",
      count: p.int("Count"),
    }),
    run: (api, query) => ({ query, points: as(api, (ctx) => statistics.requesterStatistic(ctx, query)) }),
    render: statisticResult,
  }),

  GetRequesterWorkerStatistic: op({
    kind: "legacy-only",
    modern: [],
    description: "A statistic of one worker's work for the requester, computed from the emulator's state.",
    result: "GetStatisticResult",
    required: ["Statistic", "WorkerId"],
    optional: ["TimePeriod", "Count", "ResponseGroup"],
    responseGroups: { available: ["Parameters"], default: ["Parameters"] },
    read: (p) => ({
      statistic: p.oneOf("Statistic", statistics.REQUESTER_STATISTICS)!,
      period: p.oneOf("TimePeriod", statistics.TIME_PERIODS) ?? "LifeToDate",
      count: p.int("Count"),
      workerId: p.reqStr("WorkerId"),
    }),
    run: (api, query) => ({ query, points: as(api, (ctx) => statistics.requesterWorkerStatistic(ctx, query.workerId, query)) }),
    render: statisticResult,
  }),

  // ---- Review policies ----

  GetReviewResultsForHIT: op({
    kind: "adapter",
    modern: ["ListReviewPolicyResultsForHIT"],
    description: "The results and actions of a HIT's review policies, paged.",
    required: ["HITId"],
    optional: ["PolicyLevel", "RetrieveActions", "RetrieveResults", ...PAGING, "ResponseGroup"],
    read: (p) => ({
      hitId: p.reqStr("HITId"),
      query: {
        levels: [...new Set(p.manyOf("PolicyLevel", ["Assignment", "HIT"] as const, { commas: true }))].sort() as ReviewLevel[],
        retrieveResults: p.bool("RetrieveResults") ?? true,
        retrieveActions: p.bool("RetrieveActions") ?? true,
      },
      window: pageWindow(p, { pageSize: 100 }),
    }),
    run: (api, { hitId, query, window }) =>
      as(api, (ctx) => {
        let hit: HitView | undefined;
        const entries = drain((page) => {
          const out = listReviewPolicyResults(ctx, hitId, query, page);
          hit = out.hit;
          return out.entries;
        });
        return { hit: hit!, query, page: cut(entries, window) };
      }),
    render: ({ hit, query, page }: { hit: HitView; query: { levels: ReviewLevel[]; retrieveResults: boolean; retrieveActions: boolean }; page: Windowed<ReviewEntry> }) => {
      const wanted = (level: ReviewLevel) => query.levels.length === 0 || query.levels.includes(level);
      const report = (name: string, level: ReviewLevel) => {
        const mine = { ...page, items: page.items.filter((e) => e.level === level) };
        return el(
          name,
          pagingElements(mine),
          query.retrieveResults && mine.items.filter((e): e is ReviewResult => e.kind === "result").map(reviewResult),
          query.retrieveActions && mine.items.filter((e): e is ReviewAction => e.kind === "action").map(reviewAction),
        );
      };
      const assignmentLevel = hit.assignmentReviewPolicy && wanted("Assignment");
      const hitLevel = hit.hitReviewPolicy && wanted("HIT");
      return [
        leaf("HITId", hit.id),
        assignmentLevel && el("AssignmentReviewPolicy", leaf("PolicyName", hit.assignmentReviewPolicy!.PolicyName)),
        hitLevel && el("HITReviewPolicy", leaf("PolicyName", hit.hitReviewPolicy!.PolicyName)),
        assignmentLevel && report("AssignmentReviewReport", "Assignment"),
        hitLevel && report("HITReviewReport", "HIT"),
      ];
    },
  }),

  // ---- Qualifications ----

  CreateQualificationType: op({
    kind: "alias",
    modern: ["CreateQualificationType"],
    description: "Creates a Qualification type.",
    result: "QualificationType",
    required: ["Name"],
    optional: [
      "Keywords", "Description", "QualificationTypeStatus", "RetryDelayInSeconds", "Test", "AnswerKey", "TestDurationInSeconds", "AutoGranted",
      "AutoGrantedValue", "ResponseGroup",
    ],
    read: (p) => ({
      name: p.reqStr("Name"),
      keywords: p.str("Keywords"),
      description: p.str("Description") ?? "",
      status: p.oneOf("QualificationTypeStatus", ["Active", "Inactive"] as const) ?? "Active",
      retryDelayS: p.int("RetryDelayInSeconds"),
      test: p.str("Test"),
      answerKey: p.str("AnswerKey"),
      testDurationS: p.int("TestDurationInSeconds"),
      autoGranted: p.bool("AutoGranted"),
      autoGrantedValue: p.int("AutoGrantedValue"),
    }),
    run: (api, input) => as(api, (ctx) => qualifications.createQualificationType(ctx, input)),
    render: (type: QualificationType) => qualificationTypeChildren(type, requestable(type)),
  }),

  GetQualificationType: op({
    kind: "alias",
    modern: ["GetQualificationType"],
    description: "Returns a Qualification type (any requester's, or a system type).",
    result: "QualificationType",
    required: ["QualificationTypeId"],
    optional: ["ResponseGroup"],
    read: (p) => p.reqStr("QualificationTypeId"),
    run: (api, id) => as(api, (ctx) => qualifications.getQualificationType(ctx, id)),
    render: (type: QualificationType) => qualificationTypeChildren(type, requestable(type)),
  }),

  UpdateQualificationType: op({
    kind: "alias",
    modern: ["UpdateQualificationType"],
    description: "Changes a Qualification type (not its name or keywords).",
    result: "QualificationType",
    required: ["QualificationTypeId"],
    optional: [
      "Description", "QualificationTypeStatus", "Test", "AnswerKey", "TestDurationInSeconds", "RetryDelayInSeconds", "AutoGranted", "AutoGrantedValue",
      "ResponseGroup",
    ],
    read: (p) => ({
      id: p.reqStr("QualificationTypeId"),
      update: {
        description: p.str("Description"),
        status: p.oneOf("QualificationTypeStatus", ["Active", "Inactive"] as const),
        test: p.str("Test"),
        answerKey: p.str("AnswerKey"),
        testDurationS: p.int("TestDurationInSeconds"),
        retryDelayS: p.int("RetryDelayInSeconds"),
        autoGranted: p.bool("AutoGranted"),
        autoGrantedValue: p.int("AutoGrantedValue"),
      },
    }),
    run: (api, { id, update }) => as(api, (ctx) => qualifications.updateQualificationType(ctx, id, update)),
    render: (type: QualificationType) => qualificationTypeChildren(type, requestable(type)),
  }),

  DisposeQualificationType: op({
    kind: "alias",
    modern: ["DeleteQualificationType"],
    description: "Deletes a Qualification type.",
    required: ["QualificationTypeId"],
    optional: [],
    read: (p) => p.reqStr("QualificationTypeId"),
    run: (api, id) => as(api, (ctx) => qualifications.deleteQualificationType(ctx, id)),
    render: nothing,
  }),

  SearchQualificationTypes: op({
    kind: "adapter",
    modern: ["ListQualificationTypes"],
    description: "Pages through Qualification types matching a query, sorted by name.",
    required: ["MustBeRequestable"],
    optional: ["Query", "MustBeOwnedByCaller", "SortDirection", "SortProperty", ...PAGING, "ResponseGroup"],
    read: (p) => ({
      query: {
        query: p.str("Query", { noneIsAbsent: true }),
        mustBeRequestable: p.bool("MustBeRequestable") ?? false,
        mustBeOwnedByCaller: p.bool("MustBeOwnedByCaller") ?? false,
      },
      order: sortOf(p, ["Name"] as const, "Name"),
      window: pageWindow(p),
    }),
    run: (api, { query, order, window }) => {
      const all = as(api, (ctx) => drain((page) => qualifications.listQualificationTypes(ctx, query, page)));
      const sorted = [...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) * (order.descending ? -1 : 1));
      return cut(sorted, window);
    },
    render: (page: Windowed<QualificationType>) => [pagingElements(page, NUM_FIRST), page.items.map((t) => qualificationTypeElement(t, requestable(t)))],
  }),

  AssignQualification: op({
    kind: "alias",
    modern: ["AssociateQualificationWithWorker"],
    description: "Grants a worker a Qualification of one of the requester's types.",
    required: ["QualificationTypeId", "WorkerId"],
    optional: ["IntegerValue", "SendNotification", "ResponseGroup"],
    read: (p) => ({ typeId: p.reqStr("QualificationTypeId"), workerId: p.reqStr("WorkerId"), integerValue: p.int("IntegerValue"), sendNotification: p.bool("SendNotification") }),
    run: (api, input) => as(api, (ctx) => qualifications.associateQualification(ctx, input)),
    render: nothing,
  }),

  RevokeQualification: op({
    kind: "alias",
    modern: ["DisassociateQualificationFromWorker"],
    description: "Revokes a worker's Qualification.",
    required: ["SubjectId", "QualificationTypeId"],
    optional: ["Reason", "ResponseGroup"],
    read: (p) => ({ typeId: p.reqStr("QualificationTypeId"), workerId: p.reqStr("SubjectId"), reason: p.str("Reason", { noneIsAbsent: true }) }),
    run: (api, input) => as(api, (ctx) => qualifications.disassociateQualification(ctx, input)),
    render: nothing,
  }),

  GetQualificationScore: op({
    kind: "alias",
    modern: ["GetQualificationScore"],
    description: "A worker's Qualification of a type.",
    result: "Qualification",
    required: ["QualificationTypeId", "SubjectId"],
    optional: ["ResponseGroup"],
    read: (p) => ({ typeId: p.reqStr("QualificationTypeId"), workerId: p.reqStr("SubjectId") }),
    run: (api, { typeId, workerId }) => as(api, (ctx) => qualifications.getQualificationScore(ctx, typeId, workerId)),
    render: (score) => qualificationChildren(score),
  }),

  UpdateQualificationScore: op({
    kind: "adapter",
    modern: ["AssociateQualificationWithWorker"],
    description: "Changes the value of a Qualification a worker holds.",
    required: ["QualificationTypeId", "SubjectId"],
    optional: ["IntegerValue", "ResponseGroup"],
    read: (p) => ({ typeId: p.reqStr("QualificationTypeId"), workerId: p.reqStr("SubjectId"), integerValue: p.int("IntegerValue") }),
    run: (api, input) => as(api, (ctx) => updateQualificationScore(ctx, input)),
    render: nothing,
  }),

  GetQualificationsForQualificationType: op({
    kind: "adapter",
    modern: ["ListWorkersWithQualificationType"],
    description: "Pages through the workers' Qualifications of one of the requester's types.",
    required: ["QualificationTypeId"],
    optional: ["Status", ...PAGING, "ResponseGroup"],
    read: (p) => ({ typeId: p.reqStr("QualificationTypeId"), status: p.oneOf("Status", ["Granted", "Revoked"] as const), window: pageWindow(p) }),
    run: (api, { typeId, status, window }) => cut(as(api, (ctx) => drain((page) => qualifications.listWorkersWithQualificationType(ctx, typeId, status, page))), window),
    render: (page: Windowed<QualificationView>) => [pagingElements(page), page.items.map(qualificationElement)],
  }),

  GetQualificationRequests: op({
    kind: "adapter",
    modern: ["ListQualificationRequests"],
    description: "Pages through pending Qualification requests for the requester's types.",
    required: [],
    optional: ["QualificationTypeId", "SortDirection", "SortProperty", ...PAGING, "ResponseGroup"],
    read: (p) => {
      // boto 2 sends SortProperty=Expiration, which the WSDL does not have: it sorts like SubmitTime.
      const property = p.str("SortProperty") === "Expiration" ? "SubmitTime" : (p.oneOf("SortProperty", ["QualificationTypeId", "SubmitTime"] as const) ?? "SubmitTime");
      const direction = p.oneOf("SortDirection", SORT_DIRECTIONS);
      return { typeId: p.str("QualificationTypeId") || undefined, property, descending: direction === "Descending", window: pageWindow(p) };
    },
    run: (api, { typeId, property, descending, window }) => {
      const all = as(api, (ctx) => drain((page) => qualificationRequests.listQualificationRequests(ctx, typeId, page)));
      const key = (r: (typeof all)[number]) => (property === "SubmitTime" ? r.submitMs : r.qualificationTypeId);
      const sorted = [...all].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.seq - b.seq) * (descending ? -1 : 1));
      return cut(sorted, window);
    },
    render: (page: Windowed<QualificationRequest>) => [pagingElements(page, NUM_FIRST), page.items.map(qualificationRequestElement)],
  }),

  GrantQualification: op({
    kind: "alias",
    modern: ["AcceptQualificationRequest"],
    description: "Grants the Qualification a worker requested.",
    required: ["QualificationRequestId"],
    optional: ["IntegerValue", "ResponseGroup"],
    read: (p) => ({ id: p.reqStr("QualificationRequestId"), integerValue: p.int("IntegerValue") }),
    run: (api, { id, integerValue }) => as(api, (ctx) => qualificationRequests.acceptQualificationRequest(ctx, id, integerValue)),
    render: nothing,
  }),

  RejectQualificationRequest: op({
    kind: "alias",
    modern: ["RejectQualificationRequest"],
    description: "Rejects a worker's Qualification request.",
    required: ["QualificationRequestId"],
    optional: ["Reason", "ResponseGroup"],
    read: (p) => ({ id: p.reqStr("QualificationRequestId"), reason: p.str("Reason", { noneIsAbsent: true }) }),
    run: (api, { id, reason }) => as(api, (ctx) => qualificationRequests.rejectQualificationRequest(ctx, id, reason)),
    render: nothing,
  }),

  // ---- Workers ----

  BlockWorker: op({
    kind: "alias",
    modern: ["CreateWorkerBlock"],
    description: "Blocks a worker from the requester's HITs.",
    required: ["WorkerId", "Reason"],
    optional: ["ResponseGroup"],
    read: (p) => ({ workerId: p.reqStr("WorkerId"), reason: p.reqStr("Reason") }),
    run: (api, { workerId, reason }) => as(api, (ctx) => blocks.createWorkerBlock(ctx, workerId, reason)),
    render: nothing,
  }),

  UnblockWorker: op({
    kind: "alias",
    modern: ["DeleteWorkerBlock"],
    description: "Lifts a block.",
    required: ["WorkerId"],
    optional: ["Reason", "ResponseGroup"],
    read: (p) => p.reqStr("WorkerId"),
    run: (api, workerId) => as(api, (ctx) => blocks.deleteWorkerBlock(ctx, workerId)),
    render: nothing,
  }),

  GetBlockedWorkers: op({
    kind: "adapter",
    modern: ["ListWorkerBlocks"],
    description: "Pages through the requester's blocked workers.",
    required: [],
    optional: [...PAGING, "ResponseGroup"],
    read: (p) => pageWindow(p),
    run: (api, window) => cut(as(api, (ctx) => drain((page) => blocks.listWorkerBlocks(ctx, page))), window),
    render: (page: Windowed<{ workerId: string; reason: string }>) => [
      pagingElements(page),
      page.items.map((b) => el("WorkerBlock", leaf("WorkerId", b.workerId), leaf("Reason", b.reason))),
    ],
  }),

  NotifyWorkers: op({
    kind: "alias",
    modern: ["NotifyWorkers"],
    description: "E-mails workers (kept in the emulator's outbox).",
    required: ["MessageText", "WorkerId"],
    optional: ["Subject", "ResponseGroup"],
    read: (p) => {
      const workerIds = p.strs("WorkerId");
      if (workerIds.length > 100) throw legacyErrors.outOfRange("WorkerId", workerIds.length, 1, 100);
      return {
        subject: limited(p, "Subject", maxLength("NotifyWorkers", "Subject"), p.str("Subject") ?? "")!,
        messageText: limited(p, "MessageText", maxLength("NotifyWorkers", "MessageText"), p.reqStr("MessageText"))!,
        workerIds,
      };
    },
    run: (api, input) => as(api, (ctx) => notifyWorkers(ctx, input)),
    render: (failures: ReturnType<typeof notifyWorkers>) =>
      failures.map((f) =>
        el("NotifyWorkersFailureStatus", leaf("NotifyWorkersFailureCode", f.code), leaf("NotifyWorkersFailureMessage", f.message), leaf("WorkerId", f.workerId)),
      ),
  }),

  // ---- Notifications ----

  SetHITTypeNotification: op({
    kind: "adapter",
    modern: ["UpdateNotificationSettings"],
    description: "Sets or switches a HIT type's notification specification.",
    required: ["HITTypeId"],
    optional: ["Notification", "Active"],
    read: (p) => {
      const notification = p.struct("Notification");
      // boto 2 sends Active inside the specification (Notification.1.Active); the docs have it top-level.
      const active = p.bool("Active") ?? notification?.bool("Active");
      const specified = notification && notification.node.names().some((name) => name !== "Active");
      return { hitTypeId: p.reqStr("HITTypeId"), spec: specified ? readNotification(notification) : undefined, active };
    },
    run: (api, { hitTypeId, spec, active }) => as(api, (ctx) => notifications.updateNotificationSettings(ctx, hitTypeId, spec, active, LEGACY_TRANSPORTS)),
    render: nothing,
  }),

  SendTestEventNotification: op({
    kind: "adapter",
    modern: ["SendTestEventNotification"],
    description: "Sends one test event to a notification specification.",
    required: ["Notification"],
    optional: ["TestEventType"],
    read: (p) => {
      const spec = readNotification(p.struct("Notification")!);
      const eventType = (p.oneOf("TestEventType", EVENT_TYPES) ?? "Ping") as EventType;
      // The legacy specification may list no EventType (boto 2's send_test_event_notification sends none); the
      // test event is sent whatever the list says, so an empty list stands for the test event's type.
      return { spec: spec.eventTypes.length ? spec : { ...spec, eventTypes: [eventType] }, eventType };
    },
    run: (api, { spec, eventType }) => sendTestEvent(api, (ctx) => notifications.sendTestEventNotification(ctx, spec, eventType, LEGACY_TRANSPORTS)),
    render: nothing,
  }),

  // ---- Help ----

  Help: op({
    kind: "legacy-only",
    modern: [],
    description: "Describes operations or response groups.",
    result: "Information",
    required: ["About"],
    optional: ["HelpType", "ResponseGroup"],
    anonymous: true,
    read: (p) => ({ about: p.strs("About", { commas: true }), helpType: p.oneOf("HelpType", ["Operation", "ResponseGroup"] as const) ?? "Operation" }),
    run: (_api, { about, helpType }) => {
      for (const name of about) {
        const known = helpType === "Operation" ? isLegacyOperation(name) : name in RESPONSE_GROUPS;
        if (!known) throw legacyErrors.invalid("About", name, `There is no ${helpType === "Operation" ? "operation" : "response group"} of that name.`);
      }
      return { about, helpType };
    },
    render: ({ about, helpType }: { about: string[]; helpType: "Operation" | "ResponseGroup" }) =>
      helpType === "Operation" ? about.map((name) => operationInformation(name as LegacyOperationName)) : about.map(responseGroupInformation),
  }),
};

/** The legacy API may also use the REST and SOAP notification transports (the JSON API may not). */
const LEGACY_TRANSPORTS = { legacyTransports: true } as const;

function statisticResult(
  { query, points }: { query: { statistic: string; period: string; workerId?: string }; points: statistics.DataPoint[] },
  r: RenderCtx,
): XChild[] {
  const parameters = r.groups.has("Parameters");
  return [
    points.map((point) => el("DataPoint", leaf("Date", dateTime(point.dateMs)), leaf(point.type === "Long" ? "LongValue" : "DoubleValue", point.value))),
    parameters && leaf("Statistic", query.statistic),
    parameters && leaf("TimePeriod", query.period),
    leaf("WorkerId", query.workerId),
  ];
}

// ---- Response groups (LEGACY-API.md §2.6) ----

/** Every response group name, with the elements it adds. */
export const RESPONSE_GROUPS: Record<string, readonly string[]> = {
  Minimal: ["HITId", "HITTypeId", "AssignmentId", "WorkerId", "AssignmentStatus", "Answer", "QualificationTypeId", "DataPoint"],
  Request: ["Request"],
  HITDetail: [
    "HITGroupId", "HITLayoutId", "CreationTime", "Title", "Description", "Keywords", "HITStatus", "MaxAssignments", "Reward",
    "AutoApprovalDelayInSeconds", "Expiration", "AssignmentDurationInSeconds", "RequesterAnnotation", "QualificationRequirement", "HITReviewStatus",
  ],
  HITQuestion: ["Question"],
  HITAssignmentSummary: ["NumberOfAssignmentsPending", "NumberOfAssignmentsAvailable", "NumberOfAssignmentsCompleted"],
  AssignmentFeedback: ["RequesterFeedback"],
  Parameters: ["Statistic", "TimePeriod"],
};

/** The groups in effect for a call: those asked for (unknown names refused), else the defaults; Minimal always. */
export function responseGroups(name: LegacyOperationName, asked: string[]): Set<string> {
  for (const group of asked) if (!(group in RESPONSE_GROUPS)) throw legacyErrors.invalid("ResponseGroup", group, `Valid values are ${Object.keys(RESPONSE_GROUPS).join(", ")}.`);
  const spec = LEGACY_OPERATIONS[name].responseGroups;
  const chosen = asked.length ? asked : (spec?.default ?? []);
  return new Set(["Minimal", ...chosen]);
}

function operationInformation(name: LegacyOperationName): XChild {
  const spec = LEGACY_OPERATIONS[name];
  const groups = ["Request", "Minimal", ...(spec.responseGroups?.available ?? [])];
  return el(
    "OperationInformation",
    leaf("Name", name),
    leaf("Description", spec.description),
    spec.required.length > 0 && el("RequiredParameters", spec.required.map((p) => leaf("Parameter", p))),
    el("AvailableParameters", [...spec.required, ...spec.optional].map((p) => leaf("Parameter", p))),
    el("DefaultResponseGroups", ["Minimal", ...(spec.responseGroups?.default ?? [])].map((g) => leaf("ResponseGroup", g))),
    el("AvailableResponseGroups", groups.map((g) => leaf("ResponseGroup", g))),
  );
}

function responseGroupInformation(name: string): XChild {
  const operations = LEGACY_OPERATION_NAMES.filter(
    (op) => name === "Minimal" || name === "Request" || (LEGACY_OPERATIONS[op].responseGroups?.available ?? []).includes(name),
  );
  return el(
    "ResponseGroupInformation",
    leaf("Name", name),
    el("ValidOperations", operations.map((op) => leaf("Operation", op))),
    el("Elements", RESPONSE_GROUPS[name].map((e) => leaf("Element", e))),
  );
}

function reviewResult(e: ReviewResult): XChild {
  return el(
    "ReviewResult",
    leaf("ActionId", e.actionId),
    leaf("SubjectId", e.subjectId),
    leaf("SubjectType", e.subjectType),
    leaf("QuestionId", e.questionId),
    leaf("Key", e.key),
    leaf("Value", e.value),
  );
}

function reviewAction(e: ReviewAction): XChild {
  return el(
    "ReviewAction",
    leaf("ActionId", e.actionId),
    leaf("ActionName", e.actionName),
    leaf("ObjectId", e.targetId),
    leaf("ObjectType", e.targetType),
    leaf("Status", e.status),
    leaf("CompleteTime", dateTime(e.completeMs)),
    leaf("Result", e.result),
    leaf("ErrorCode", e.errorCode),
  );
}
