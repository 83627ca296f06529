import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../../common/pagination.js';

/** A date, or a date-time with its offset: 2026-03-01, 2026-03-01T09:00:00+06:00, …Z. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const INSTANT_MESSAGE = 'must be a date or a date-time with an offset, e.g. 2026-03-01T09:00:00Z';

export class ReleaseQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only the releases of this contracting process' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  ocid?: string;

  @ApiPropertyOptional({ description: 'Releases dated at or after this instant' })
  @IsOptional()
  @Matches(INSTANT, { message: `since ${INSTANT_MESSAGE}` })
  since?: string;

  @ApiPropertyOptional({ description: 'Releases dated before this instant' })
  @IsOptional()
  @Matches(INSTANT, { message: `until ${INSTANT_MESSAGE}` })
  until?: string;
}

class PublisherView {
  @ApiProperty({ example: 'Soczakaz' }) name: string;
  @ApiPropertyOptional({ example: 'https://soczakaz.example.org' }) uri?: string;
}

class PackageView {
  @ApiProperty({ format: 'uri' }) uri: string;
  @ApiProperty({ example: '1.1' }) version: string;
  @ApiProperty({ type: [String], description: 'URLs of the lots and bids extensions' })
  extensions: string[];
  @ApiProperty({ format: 'date-time' }) publishedDate: string;
  @ApiProperty({ type: PublisherView }) publisher: PublisherView;
}

/** An OCDS 1.1 release package (release-package-schema.json). */
export class ReleasePackageView extends PackageView {
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'OCDS releases' })
  releases: object[];

  @ApiPropertyOptional({ description: 'The next and previous pages, when there are any' })
  links?: { next?: string; prev?: string };
}

/** An OCDS 1.1 record package (record-package-schema.json) with one record. */
export class RecordPackageView extends PackageView {
  @ApiProperty({ type: [String] }) packages: string[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'The record: linked releases and the compiled release',
  })
  records: object[];
}
