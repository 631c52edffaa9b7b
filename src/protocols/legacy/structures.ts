// Reading the legacy request structures (LEGACY-API.md §2.4) into domain records: HIT-type properties,
// QualificationRequirement, ReviewPolicy, NotificationSpecification. Limits are the legacy ones (§2.8).
import type { EventType, HitTypeProps, Locale, NotificationSpec, NotificationTransport, QualificationRequirement, ReviewPolicy } from "../../domain/records";
import { ComparatorValues, EventTypeValues } from "../../api/generated/shapes";
import { maxItems, maxLength, range } from "../../api/limits";
import { DEFAULT_AUTO_APPROVAL_DELAY_S } from "../../domain/commands/hit-types";
import { LegacyError, legacyErrors } from "./errors";
import type { Params } from "./params";

// The legacy limits are the modern ones: both come from the model's schemas.
const MAX_REQUIREMENTS = maxItems("CreateHIT", "QualificationRequirements");
export const SECONDS = range("CreateHIT", "LifetimeInSeconds");
const AUTO_APPROVAL = range("CreateHIT", "AutoApprovalDelayInSeconds");

export const COMPARATORS = ComparatorValues;

export const EVENT_TYPES: readonly EventType[] = EventTypeValues;

export const LEGACY_TRANSPORTS = ["SOAP", "REST", "Email", "SQS"] as const;

/** A string of at most `max` characters, or a legacy error naming the parameter. */
export function limited(p: Params, name: string, max: number, value: string | undefined): string | undefined {
  if (value !== undefined && value.length > max) {
    throw new LegacyError("AWS.MechanicalTurk.InvalidParameterValue", `The value of ${name} is ${value.length} characters long; it can be at most ${max}.`, [
      { key: name, value: String(value.length) },
    ]);
  }
  return value;
}

/** RegisterHITType's fields, also CreateHIT's when it gives no HITTypeId. */
export function readHitTypeProps(p: Params): HitTypeProps {
  return {
    title: limited(p, "Title", maxLength("CreateHIT", "Title"), p.reqStr("Title"))!,
    description: limited(p, "Description", maxLength("CreateHIT", "Description"), p.reqStr("Description"))!,
    keywords: limited(p, "Keywords", maxLength("CreateHIT", "Keywords"), p.str("Keywords")),
    reward: p.reqPrice("Reward"),
    assignmentDurationS: p.reqInt("AssignmentDurationInSeconds", range("CreateHIT", "AssignmentDurationInSeconds")),
    autoApprovalDelayS: p.int("AutoApprovalDelayInSeconds", AUTO_APPROVAL) ?? DEFAULT_AUTO_APPROVAL_DELAY_S,
    qualificationRequirements: readRequirements(p),
  };
}

/**
 * QualificationRequirement.N.*: IntegerValue scalar or indexed (In/NotIn), LocaleValue as `.LocaleValue.Country`
 * or `.LocaleValue.N.Country`, RequiredToPreview.
 */
export function readRequirements(p: Params): QualificationRequirement[] {
  const structs = p.structs("QualificationRequirement");
  if (structs.length > MAX_REQUIREMENTS) throw legacyErrors.outOfRange("QualificationRequirement", structs.length, 0, MAX_REQUIREMENTS);
  return structs.map((r) => {
    const requirement: QualificationRequirement = {
      QualificationTypeId: r.reqStr("QualificationTypeId"),
      Comparator: r.oneOf("Comparator", COMPARATORS) ?? failMissing(r, "Comparator"),
    };
    const ints = r.ints("IntegerValue");
    if (ints.length) requirement.IntegerValues = ints;
    const locales = r.structs("LocaleValue").map(readLocale);
    if (locales.length) requirement.LocaleValues = locales;
    const preview = r.bool("RequiredToPreview");
    if (preview !== undefined) requirement.RequiredToPreview = preview;
    return requirement;
  });
}

function failMissing(p: Params, name: string): never {
  p.reqStr(name);
  throw legacyErrors.missing(name);
}

export function readLocale(p: Params): Locale {
  const locale: Locale = { Country: p.reqStr("Country") };
  const subdivision = p.str("Subdivision");
  if (subdivision !== undefined && subdivision !== "") locale.Subdivision = subdivision;
  return locale;
}

/** ReviewPolicy: PolicyName, Parameter* (Key, Value*, MapEntry* (Key, Value*)). */
export function readReviewPolicy(p: Params | undefined): ReviewPolicy | undefined {
  if (!p) return undefined;
  const parameters = p.structs("Parameter").map((param) => {
    const out: NonNullable<ReviewPolicy["Parameters"]>[number] = { Key: param.reqStr("Key") };
    const values = param.values("Value");
    if (values.length) out.Values = values;
    const entries = param.structs("MapEntry").map((entry) => ({ Key: entry.reqStr("Key"), Values: entry.values("Value") }));
    if (entries.length) out.MapEntries = entries;
    return out;
  });
  const policy: ReviewPolicy = { PolicyName: p.reqStr("PolicyName") };
  if (parameters.length) policy.Parameters = parameters;
  return policy;
}

/**
 * NotificationSpecification: Destination, Transport (SOAP, REST, Email, SQS), Version, EventType*. The domain
 * checks the destination against the transport.
 */
export function readNotification(p: Params): NotificationSpec {
  const transport = p.oneOf("Transport", LEGACY_TRANSPORTS) ?? failMissing(p, "Transport");
  return {
    destination: p.reqStr("Destination"),
    transport: transport as NotificationTransport,
    version: p.reqStr("Version"),
    eventTypes: p.manyOf("EventType", EVENT_TYPES),
  };
}
