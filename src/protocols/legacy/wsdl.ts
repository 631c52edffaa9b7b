// Serves Amazon's 2014-08-15 WSDL (spec/legacy/, see spec/README.md) for SOAP clients that fetch it, with the
// service address pointing at this emulator. Read once, on first request.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Request, Response } from "express";
import { baseUrl } from "./detect";

const FILE = join("spec", "legacy", "AWSMechanicalTurkRequester-2014-08-15.wsdl");

/** Where clients fetched the WSDL from (the service's paths), all answered with the 2014-08-15 one. */
export const WSDL_PATHS = [
  "/AWSMechanicalTurk/AWSMechanicalTurkRequester.wsdl",
  "/AWSMechanicalTurk/2014-08-15/AWSMechanicalTurkRequester.wsdl",
  "/AWSMechanicalTurk/2012-03-25/AWSMechanicalTurkRequester.wsdl",
];

let cached: string | undefined;

function wsdlText(): string {
  if (cached === undefined) {
    // The package root is the nearest directory above this module that has spec/legacy (src/ and dist/src/ alike).
    let dir = __dirname;
    while (!existsSync(join(dir, FILE)) && dirname(dir) !== dir) dir = dirname(dir);
    cached = readFileSync(join(dir, FILE), "utf8");
  }
  return cached;
}

export function serveWsdl(req: Request, res: Response): void {
  const address = `${baseUrl(req)}/?Service=AWSMechanicalTurkRequester`;
  const text = wsdlText().replace(/(<soap:address\s+location=")[^"]*(")/, `$1${address.replace(/&/g, "&amp;")}$2`);
  res.status(200).setHeader("content-type", "text/xml; charset=utf-8").end(text);
}
