import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { Environment } from '../config/environment.js';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
}

/**
 * Sends mail through SMTP_URL, or, when it is unset, writes each message to the log instead
 * (a JSON transport), so that a developer sees what would have gone out.
 */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly logger = new Logger('Email');
  private readonly transport: Transporter;
  readonly logOnly: boolean;

  constructor(private readonly environment: Environment) {
    this.logOnly = !environment.SMTP_URL;
    this.transport = environment.SMTP_URL
      ? createTransport({
          url: environment.SMTP_URL,
          // A silent server must fail the job (and be retried), not hold it for minutes.
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : createTransport({ jsonTransport: true });
  }

  /** Returns the Message-ID. */
  async send(email: OutgoingEmail): Promise<string> {
    const info = await this.transport.sendMail({ from: this.environment.MAIL_FROM, ...email });
    if (this.logOnly) {
      this.logger.log(`email not sent (SMTP_URL unset): ${String(info.message)}`);
    }
    return info.messageId;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
