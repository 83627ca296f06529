import { Module } from '@nestjs/common';
import { LotsModule } from '../lots/lots.module.js';
import { PlannedLotsController, ProgrammesController } from './programmes.controller.js';
import { ProgrammesService } from './programmes.service.js';

@Module({
  imports: [LotsModule],
  controllers: [ProgrammesController, PlannedLotsController],
  providers: [ProgrammesService],
  exports: [ProgrammesService],
})
export class ProgrammesModule {}
