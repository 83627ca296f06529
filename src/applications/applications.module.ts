import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { Environment } from '../config/environment.js';
import { LotsModule } from '../lots/lots.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CommissionClearances } from './application-access.js';
import { ApplicationsController } from './applications.controller.js';
import { ApplicationsService } from './applications.service.js';
import { CallTerms } from './call-terms.js';
import { DocumentStore } from './document-store.js';

/**
 * NGO applications. The worker imports it too: the call's closing transition counts the
 * submitted applications, and amendment notices go to the applicants.
 */
@Module({
  imports: [
    LotsModule,
    NotificationsModule,
    MulterModule.registerAsync({
      // Memory storage (multer's default without a destination): the store hashes the bytes.
      useFactory: (environment: Environment) => ({
        limits: { fileSize: environment.DOCUMENT_MAX_BYTES, files: 1, fields: 5 },
      }),
      inject: [Environment],
    }),
  ],
  controllers: [ApplicationsController],
  providers: [ApplicationsService, DocumentStore, CommissionClearances, CallTerms],
  exports: [ApplicationsService, CommissionClearances],
})
export class ApplicationsModule {}
