import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { Environment } from '../config/environment.js';
import { CallsModule } from '../calls/calls.module.js';
import { LotsModule } from '../lots/lots.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CommissionClearances } from './application-access.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsService } from './applications.service.js';
import { DocumentStore } from './document-store.js';

/**
 * NGO applications. The worker imports it too: the call's closing transition counts the
 * submitted applications, and amendment notices go to the applicants.
 */
@Module({
  imports: [
    LotsModule,
    CallsModule,
    NotificationsModule,
    MulterModule.registerAsync({
      // Memory storage (multer's default without a destination): the store hashes the bytes.
      useFactory: (environment: Environment) => ({
        limits: { fileSize: environment.DOCUMENT_MAX_BYTES, files: 1, fields: 5 },
        // Browsers send UTF-8 file names without saying so; Cyrillic names must survive.
        defParamCharset: 'utf8',
      }),
      inject: [Environment],
    }),
  ],
  controllers: [ApplicationsController],
  providers: [ApplicationsService, DocumentStore, CommissionClearances],
  exports: [ApplicationsService, CommissionClearances],
})
export class ApplicationsModule {}
