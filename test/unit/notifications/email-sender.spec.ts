import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { loadEnvironment } from '../../../src/config/environment.js';
import { EmailSender } from '../../../src/notifications/email-sender.service.js';

describe('email sender without SMTP_URL', () => {
  it('logs the message it would have sent instead of sending it', async () => {
    const logged = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const sender = new EmailSender(loadEnvironment({ MAIL_FROM: 'robot@soczakaz.local' }));
    expect(sender.logOnly).toBe(true);
    const messageId = await sender.send({
      to: 'aigul@example.kg',
      subject: 'Сынак жарыяланды — лот 1.1',
      text: 'Лот 1.1: табыштамаларды кабыл алуу ачылды.',
    });
    expect(messageId).toMatch(/^<.+@.+>$/);
    const line = String(logged.mock.calls[0]?.[0]);
    expect(line).toContain('aigul@example.kg');
    expect(line).toContain('robot@soczakaz.local');
    sender.onApplicationShutdown();
    logged.mockRestore();
  });
});
