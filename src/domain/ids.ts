import { randomBytes, randomInt } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function randomChars(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  // 252 = 7 * 36: bytes above it would bias the alphabet, so they are redrawn.
  for (let i = 0; i < length; i++) {
    let b = bytes[i];
    while (b >= 252) b = randomBytes(1)[0];
    out += ALPHABET[b % 36];
  }
  return out;
}

/** Entity ids look like the real ones: 30 characters of [A-Z0-9], starting with a digit. */
export const newEntityId = (): string => String(randomInt(1, 10)) + randomChars(29);

/** Customer ids (workers, requesters) look like A2YUCJ28XANFOX. */
export const newCustomerId = (): string => "A" + randomChars(13);

/** A 12-digit AWS account number, the SourceAccount of notifications. */
export const newAwsAccountId = (): string => String(randomInt(100000, 1000000)) + String(randomInt(0, 1000000)).padStart(6, "0");
