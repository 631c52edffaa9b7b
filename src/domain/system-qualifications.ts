// Qualification types the service maintains itself, with their sandbox ids.

export const SYSTEM_QUALIFICATIONS = {
  Masters: "2ARFPLSP75KLA8M8DH1HTEQVJT3SY6",
  NumberHITsApproved: "00000000000000000040",
  Locale: "00000000000000000071",
  Adult: "00000000000000000060",
  PercentAssignmentsApproved: "000000000000000000L0",
  PercentAssignmentsSubmitted: "00000000000000000000",
  PercentAssignmentsAbandoned: "00000000000000000070",
  PercentAssignmentsReturned: "000000000000000000E0",
  PercentAssignmentsRejected: "000000000000000000S0",
} as const;

const SYSTEM_IDS = new Set<string>(Object.values(SYSTEM_QUALIFICATIONS));

export const isSystemQualification = (id: string): boolean => SYSTEM_IDS.has(id);
