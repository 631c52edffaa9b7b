// Shape rules for QualificationRequirements, checked when a HIT type is registered.
import type { Ctx } from "./context";
import { errors } from "./errors";
import type { HitType, QualificationRequirement } from "./records";
import { SYSTEM_QUALIFICATIONS, isSystemQualification } from "./system-qualifications";

const SINGLE_VALUE = new Set(["LessThan", "LessThanOrEqualTo", "GreaterThan", "GreaterThanOrEqualTo", "EqualTo", "NotEqualTo"]);
const SET_VALUE = new Set(["In", "NotIn"]);
const LOCALE_COMPARATORS = new Set(["EqualTo", "NotEqualTo", "In", "NotIn"]);

export function checkRequirements(ctx: Ctx, requirements: QualificationRequirement[]): void {
  requirements.forEach((r, i) => checkRequirement(ctx, r, `QualificationRequirements.${i + 1}`));
}

function checkRequirement(ctx: Ctx, r: QualificationRequirement, where: string): void {
  const fail = (why: string) => errors.parameter(`${where}: ${why}`);
  if (!knownQualificationType(ctx, r.QualificationTypeId)) {
    throw errors.request("AWS.MechanicalTurk.QualificationDoesNotExist", "You requested a Qualification that does not exist.");
  }
  const ints = r.IntegerValues ?? [];
  const locales = r.LocaleValues ?? [];
  const isLocale = r.QualificationTypeId === SYSTEM_QUALIFICATIONS.Locale;
  if (r.RequiredToPreview !== undefined && r.ActionsGuarded !== undefined) {
    throw fail("RequiredToPreview is deprecated and cannot be combined with ActionsGuarded.");
  }
  if (r.Comparator === "Exists" || r.Comparator === "DoesNotExist") {
    if (ints.length || locales.length) throw fail(`The comparator ${r.Comparator} takes no IntegerValues or LocaleValues.`);
    return;
  }
  if (isLocale) {
    if (ints.length) throw fail("IntegerValues cannot be used with the Worker_Locale qualification; use LocaleValues.");
    if (!LOCALE_COMPARATORS.has(r.Comparator)) {
      throw fail(`The comparator ${r.Comparator} cannot be used with the Worker_Locale qualification.`);
    }
    checkCount(fail, r.Comparator, locales.length, 30, "LocaleValues");
    return;
  }
  if (locales.length) throw fail("LocaleValues can only be used with the Worker_Locale qualification.");
  checkCount(fail, r.Comparator, ints.length, 15, "IntegerValues");
}

function checkCount(fail: (why: string) => Error, comparator: string, count: number, setMax: number, name: string): void {
  if (SINGLE_VALUE.has(comparator) && count !== 1) throw fail(`The comparator ${comparator} takes exactly one value in ${name}.`);
  if (SET_VALUE.has(comparator) && (count < 1 || count > setMax)) {
    throw fail(`The comparator ${comparator} takes between 1 and ${setMax} values in ${name}.`);
  }
}

/**
 * A requirement may name a system type or any requester's live custom type (types are public, as on the real
 * service), but not one that is deleted (QualificationDoesNotExist) or Inactive.
 */
function knownQualificationType(ctx: Ctx, id: string): boolean {
  if (isSystemQualification(id)) return true;
  const type = ctx.store.getQualificationType(id);
  if (!type || type.deletedMs !== undefined) return false;
  if (type.status !== "Active") {
    throw errors.request(
      "AWS.MechanicalTurk.InvalidQualificationTypeState",
      `The QualificationType ${id} is Inactive; a HIT can only require an active QualificationType.`,
    );
  }
  return true;
}

/** DeleteQualificationType also deletes the HIT types that require the type: they answer like missing ones. */
export function usesDeletedQualificationType(ctx: Ctx, type: HitType): boolean {
  return type.qualificationRequirements.some((r) => ctx.store.getQualificationType(r.QualificationTypeId)?.deletedMs !== undefined);
}
