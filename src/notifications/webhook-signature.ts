import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Headers of every webhook request. */
export const WebhookHeader = {
  Signature: 'X-Soczakaz-Signature',
  Event: 'X-Soczakaz-Event',
  Delivery: 'X-Soczakaz-Delivery',
  Timestamp: 'X-Soczakaz-Timestamp',
} as const;

/** `sha256=<hex>`: HMAC-SHA256 of the raw body, keyed with the subscription's secret. */
export function signWebhookBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. */
export function verifyWebhookSignature(
  body: string | Buffer,
  secret: string,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  const expected = Buffer.from(signWebhookBody(body, secret));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** 256 random bits; shown to the client once, when the subscription is created. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
