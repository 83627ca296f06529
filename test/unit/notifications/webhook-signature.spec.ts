import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import {
  generateWebhookSecret,
  signWebhookBody,
  verifyWebhookSignature,
} from '../../../src/notifications/webhook-signature.js';
import { isPrivateAddress, webhookUrlProblem } from '../../../src/notifications/webhook-target.js';

describe('webhook signatures', () => {
  const body = '{"id":"d1","event":"lot.callOpened","lot":{"number":"1.1"}}';
  const secret = 'whsec_test';

  it('signs the raw body with HMAC-SHA256 as sha256=<hex>', () => {
    const hex = createHmac('sha256', secret).update(body).digest('hex');
    expect(signWebhookBody(body, secret)).toBe(`sha256=${hex}`);
    expect(signWebhookBody(Buffer.from(body), secret)).toBe(`sha256=${hex}`);
  });

  it('verifies a signature, and refuses another body, secret or a missing header', () => {
    const signature = signWebhookBody(body, secret);
    expect(verifyWebhookSignature(body, secret, signature)).toBe(true);
    expect(verifyWebhookSignature(`${body} `, secret, signature)).toBe(false);
    expect(verifyWebhookSignature(body, 'whsec_other', signature)).toBe(false);
    expect(verifyWebhookSignature(body, secret, undefined)).toBe(false);
    expect(verifyWebhookSignature(body, secret, 'sha256=00')).toBe(false);
  });

  it('generates a different 256-bit secret each time', () => {
    const first = generateWebhookSecret();
    expect(first).toMatch(/^whsec_[\w-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(first);
  });
});

describe('webhook targets', () => {
  const strict = { allowPrivate: false, resolve: async () => ['93.184.216.34'] };

  it('accepts only http and https without credentials', async () => {
    expect(await webhookUrlProblem('https://crm.example.org/hook', strict)).toBeNull();
    expect(await webhookUrlProblem('ftp://example.org/', strict)).toMatch(/http or https/);
    expect(await webhookUrlProblem('https://u:p@example.org/', strict)).toMatch(/credentials/);
    expect(await webhookUrlProblem('not a url', strict)).toMatch(/not a URL/);
  });

  it('refuses loopback and private targets unless they are allowed', async () => {
    for (const url of [
      'http://127.0.0.1:8080/',
      'http://localhost/',
      'http://10.1.2.3/',
      'http://192.168.0.10/',
      'http://[::1]/',
      'http://169.254.169.254/latest/meta-data',
    ]) {
      expect(await webhookUrlProblem(url, strict)).not.toBeNull();
      expect(await webhookUrlProblem(url, { allowPrivate: true })).toBeNull();
    }
    const rebinding = { allowPrivate: false, resolve: async () => ['8.8.8.8', '10.0.0.5'] };
    expect(await webhookUrlProblem('https://evil.example/', rebinding)).toMatch(/private/);
  });

  it('knows private addresses, IPv4-mapped ones included', () => {
    expect(isPrivateAddress('172.20.1.1')).toBe(true);
    expect(isPrivateAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isPrivateAddress('fd00::1')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2a00:1450:4001::1')).toBe(false);
  });
});
