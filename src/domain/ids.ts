import { randomBytes, randomInt } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

// Random bytes are drawn 4 KB at a time: one randomBytes call per id cost more than the rest of making it.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;

function randomByte(): number {
  if (poolAt >= pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolAt = 0;
  }
  return pool[poolAt++];
}

function randomChars(length: number): string {
  let out = "";
  // 252 = 7 * 36: bytes above it would bias the alphabet, so they are redrawn.
  for (let i = 0; i < length; i++) {
    let b = randomByte();
    while (b >= 252) b = randomByte();
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
