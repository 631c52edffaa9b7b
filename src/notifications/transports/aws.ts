// Shared by the SQS and SNS transports: credentials and regions.

/** What local AWS emulators (moto, LocalStack, ElasticMQ) accept. */
export const PLACEHOLDER_CREDENTIALS = { accessKeyId: "mturk-emu", secretAccessKey: "mturk-emu" };

/**
 * Real AWS endpoints use the SDK's default credential chain. A local endpoint does too when the environment
 * names credentials (AWS_ACCESS_KEY_ID or AWS_PROFILE); otherwise it gets placeholder credentials, so that no
 * metadata service is probed for a server that accepts any key.
 */
export function credentialsFor(localEndpoint: boolean): typeof PLACEHOLDER_CREDENTIALS | undefined {
  if (!localEndpoint) return undefined;
  return process.env.AWS_ACCESS_KEY_ID || process.env.AWS_PROFILE ? undefined : PLACEHOLDER_CREDENTIALS;
}

export const isAwsHost = (host: string): boolean => /(^|\.)amazonaws\.com(\.cn)?$/i.test(host);

export const defaultRegion = (): string => process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || "us-east-1";

/** Client settings every AWS client of the dispatcher shares: one try (the dispatcher retries) and a timeout. */
export const clientSettings = (timeoutMs: number) => ({
  maxAttempts: 1,
  requestHandler: { requestTimeout: timeoutMs, connectionTimeout: timeoutMs },
});
