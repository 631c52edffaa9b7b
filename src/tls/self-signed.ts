// A local certificate authority and a server certificate for localhost and the real MTurk host names,
// made once per data folder, so code with the sandbox URL hard-coded can reach the emulator over TLS
// ("drop-in mode") by trusting the CA file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import forge from "node-forge";

export const MTURK_HOST_NAMES = [
  "mturk-requester-sandbox.us-east-1.amazonaws.com",
  "mturk-requester.us-east-1.amazonaws.com",
  "mechanicalturk.sandbox.amazonaws.com",
  "mechanicalturk.amazonaws.com",
  "workersandbox.mturk.com",
  "worker.mturk.com",
  "www.mturk.com",
  "requestersandbox.mturk.com",
  "requester.mturk.com",
];

export interface TlsFiles {
  caCertPath: string;
  certPath: string;
  keyPath: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

export function ensureSelfSigned(dir: string): TlsFiles {
  const files = {
    caCertPath: join(dir, "mturk-emu-ca.pem"),
    caKeyPath: join(dir, "mturk-emu-ca-key.pem"),
    certPath: join(dir, "mturk-emu-cert.pem"),
    keyPath: join(dir, "mturk-emu-key.pem"),
  };
  mkdirSync(dir, { recursive: true });
  if (!existsSync(files.caCertPath) || !existsSync(files.caKeyPath)) {
    const ca = makeCertificate({ commonName: "mturk-emu local CA", isCa: true });
    writeFileSync(files.caCertPath, forge.pki.certificateToPem(ca.cert));
    writeFileSync(files.caKeyPath, forge.pki.privateKeyToPem(ca.key), { mode: 0o600 });
  }
  if (!existsSync(files.certPath) || !existsSync(files.keyPath)) {
    const issuer = {
      cert: forge.pki.certificateFromPem(readFileSync(files.caCertPath, "utf8")),
      key: forge.pki.privateKeyFromPem(readFileSync(files.caKeyPath, "utf8")),
    };
    const server = makeCertificate({ commonName: "localhost", isCa: false, issuer });
    writeFileSync(files.certPath, forge.pki.certificateToPem(server.cert));
    writeFileSync(files.keyPath, forge.pki.privateKeyToPem(server.key), { mode: 0o600 });
  }
  return { caCertPath: files.caCertPath, certPath: files.certPath, keyPath: files.keyPath };
}

function makeCertificate(options: {
  commonName: string;
  isCa: boolean;
  issuer?: { cert: forge.pki.Certificate; key: forge.pki.PrivateKey };
}): { cert: forge.pki.Certificate; key: forge.pki.PrivateKey } {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = "01" + forge.util.bytesToHex(forge.random.getBytesSync(15));
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + (options.isCa ? 10 : 2) * YEAR_MS);
  const subject = [{ name: "commonName", value: options.commonName }, { name: "organizationName", value: "mturk-emu" }];
  cert.setSubject(subject);
  cert.setIssuer(options.issuer ? options.issuer.cert.subject.attributes : subject);
  cert.setExtensions(
    options.isCa
      ? [
          { name: "basicConstraints", cA: true, critical: true },
          { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
          { name: "subjectKeyIdentifier" },
        ]
      : [
          { name: "basicConstraints", cA: false },
          { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
          { name: "extKeyUsage", serverAuth: true },
          {
            name: "subjectAltName",
            altNames: [
              { type: 2, value: "localhost" },
              ...MTURK_HOST_NAMES.map((value) => ({ type: 2, value })),
              { type: 7, ip: "127.0.0.1" },
              { type: 7, ip: "::1" },
            ],
          },
        ],
  );
  cert.sign((options.issuer?.key ?? keys.privateKey) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { cert, key: keys.privateKey };
}
