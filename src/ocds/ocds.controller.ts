import { Controller, Get, Param, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { CacheableInterceptor } from './cacheable.interceptor.js';
import { RecordPackageView, ReleasePackageView, ReleaseQuery } from './dto/ocds.dto.js';
import { OcdsService } from './ocds.service.js';
import type { RecordPackage, ReleasePackage } from './packages.js';

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The request's own origin, for package URIs when PUBLIC_BASE_URL is not set. */
function originOf(request: Request): string {
  const host = request.get('host') ?? '';
  return `${request.protocol}://${HOST.test(host) ? host : 'localhost'}`;
}

/** OCDS 1.1 publication of every lot's contracting process: open data, no account needed. */
@ApiTags('ocds')
@Public()
@UseInterceptors(CacheableInterceptor)
@Controller('ocds')
export class OcdsController {
  constructor(private readonly ocds: OcdsService) {}

  @Get('releases')
  @ApiOperation({ summary: 'Release package: releases oldest first, by ocid and date, paged' })
  @ApiOkResponse({ type: ReleasePackageView })
  @ApiProblems(400, 404)
  releases(@Query() query: ReleaseQuery, @Req() request: Request): Promise<ReleasePackage> {
    return this.ocds.releases(query, originOf(request));
  }

  @Get('records/:ocid')
  @ApiOperation({ summary: 'Record package: linked releases and the compiled release' })
  @ApiOkResponse({ type: RecordPackageView })
  @ApiProblems(404)
  record(@Param('ocid') ocid: string, @Req() request: Request): Promise<RecordPackage> {
    return this.ocds.record(ocid, originOf(request));
  }
}
