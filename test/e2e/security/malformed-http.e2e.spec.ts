import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { describeAnswer, problemViolations, type Answer } from '../../fixtures/security/problem.js';
import { startTestApp, type TestApp } from '../../fixtures/test-app.js';

/** Sends bytes as they are over a fresh connection and reads the answer until the server closes. */
function exchange(port: number, request: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end === -1) {
        reject(new Error(`no HTTP answer: ${JSON.stringify(text)}`));
        return;
      }
      const [statusLine, ...lines] = text.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
        }),
      );
      const body = text.slice(end + 4);
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: body ? (JSON.parse(body) as unknown) : undefined,
        text: body,
      });
    });
  });
}

/**
 * Requests Node's HTTP parser refuses before Express sees them are answered as problem+json
 * too, with a request id that the answer's header and body share.
 */
describe('requests the HTTP parser refuses (e2e)', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp();
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    port = (server.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => t?.close());

  /** A failure message that names the answer. */
  const expectProblem = (answer: Answer, status: number, code: string) => {
    expect({ answer: describeAnswer(answer), violations: problemViolations(answer) }).toEqual({
      answer: expect.stringMatching(new RegExp(`^${status} ${code}:`)),
      violations: [],
    });
    const body = answer.body as Record<string, unknown>;
    expect(body.type).toBe(`urn:soczakaz:problem:${code}`);
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers['x-request-id']).toBe(body.requestId);
  };

  it('answers header fields over 16 KB with 431 problem+json', async () => {
    const answer = await exchange(
      port,
      'GET /health/live HTTP/1.1\r\nHost: localhost\r\n' +
        `X-Padding: ${'a'.repeat(20 * 1024)}\r\n\r\n`,
    );
    expectProblem(answer, 431, 'request-header-fields-too-large');
    expect((answer.body as { detail: string }).detail).toContain('16384 bytes');
  });

  it('answers a malformed request line with 400 problem+json', async () => {
    const answer = await exchange(port, 'NOT AN HTTP REQUEST\r\n\r\n');
    expectProblem(answer, 400, 'bad-request');
  });

  it('answers a malformed header line with 400 problem+json', async () => {
    const answer = await exchange(
      port,
      'GET /health/live HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n',
    );
    expectProblem(answer, 400, 'bad-request');
  });

  it('keeps serving well-formed requests after refusing malformed ones', async () => {
    const answer = await exchange(
      port,
      'GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(answer.status).toBe(200);
  });
});
