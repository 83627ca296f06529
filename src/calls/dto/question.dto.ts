import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { trim } from '../../common/validation.js';

export class NewQuestion {
  @ApiProperty({ example: 'Можно ли подать заявку на две области сразу?' })
  @Transform(trim)
  @IsString()
  @Length(1, 5000)
  question: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The NGO that asks; required for members of several NGOs',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class QuestionAnswer {
  @ApiProperty({ example: 'Да, отдельной заявкой на каждую область.' })
  @Transform(trim)
  @IsString()
  @Length(1, 10000)
  answer: string;
}

/** A question as the public sees it: never who asked. */
export class PublicQuestionView {
  @ApiProperty() id: string;
  @ApiProperty() question: string;
  @ApiProperty({ type: String, format: 'date-time' }) askedAt: Date;
  @ApiProperty({ type: String, nullable: true }) answer: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) answeredAt: Date | null;
}

export class AskingOrganisationView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

/** A question as a signed-in user sees it: their own marked, the asker only for the buyer. */
export class QuestionView extends PublicQuestionView {
  @ApiProperty({ description: 'Asked by your organisation' }) mine: boolean;
  @ApiPropertyOptional({
    type: AskingOrganisationView,
    description: 'Only for the buyer’s staff (moderation)',
  })
  organisation?: AskingOrganisationView;
}
