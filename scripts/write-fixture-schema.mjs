// Writes fixtures/schema.json, the published JSON Schema of fixture documents, from the built code
// (it is derived from the API model's input schemas). Run by `npm run generate` after the build.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { fixtureSchema } = require("../dist/src/harness/fixtures/schema.js");
writeFileSync(new URL("../fixtures/schema.json", import.meta.url), JSON.stringify(fixtureSchema(), null, 2) + "\n");
