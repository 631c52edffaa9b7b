// Copies the official MTurk service model into spec/, without its prose `documentation` fields.
// Usage: node scripts/vendor-model.mjs <dir holding service-2.json and paginators-1.json>
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const from = process.argv[2];
if (!from) {
  console.error("usage: node scripts/vendor-model.mjs <model dir>");
  process.exit(2);
}
const strip = (value) => {
  if (Array.isArray(value)) return value.map(strip);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== "documentation" && key !== "documentationUrl")
        .map(([key, inner]) => [key, strip(inner)]),
    );
  }
  return value;
};
for (const [source, target] of [
  ["service-2.json", "mturk-requester-2017-01-17.json"],
  ["paginators-1.json", "mturk-requester-2017-01-17.paginators.json"],
]) {
  const model = strip(JSON.parse(readFileSync(join(from, source), "utf8")));
  writeFileSync(join("spec", target), JSON.stringify(model, null, 1) + "\n");
}
