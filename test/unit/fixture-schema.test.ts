import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fixtureSchema } from "../../src/harness/fixtures/schema";

test("fixtures/schema.json is the schema the loader checks against (run `npm run generate` after a change)", () => {
  const published = JSON.parse(readFileSync(join(__dirname, "../../fixtures/schema.json"), "utf8"));
  expect(published).toEqual(fixtureSchema());
});
