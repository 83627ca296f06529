import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PROFILE_IDS, getProfile, isProfileId, toJson, toMermaid } from '../../workflows/index.js';
import { Public } from '../auth/auth.decorators.js';
import { ApiProblems } from '../common/api-problems.decorator.js';
import { ProblemException } from '../common/problem.js';

const unknownProfile = (id: string) =>
  new ProblemException(404, 'profile-not-found', `No procedure profile ${id}`, {
    profiles: PROFILE_IDS,
  });

/** The lot lifecycle of each procedure profile, as data and as a diagram: public. */
@ApiTags('workflows')
@Public()
@Controller('workflows')
export class WorkflowsController {
  @Get()
  @ApiOkResponse({ description: 'The procedure profiles' })
  list() {
    return PROFILE_IDS.map((id) => {
      const { title, jurisdiction, hasHearing, rounds, dayCounting } = getProfile(id);
      return { id, title, jurisdiction, hasHearing, rounds, dayCounting };
    });
  }

  @Get(':profile')
  @ApiOkResponse({ description: 'States, transitions, guards and meta of one profile' })
  @ApiProblems(404)
  get(@Param('profile') profile: string) {
    if (!isProfileId(profile)) throw unknownProfile(profile);
    return toJson(profile);
  }

  @Get(':profile/mermaid')
  @Header('content-type', 'text/vnd.mermaid; charset=utf-8')
  @ApiProduces('text/vnd.mermaid')
  @ApiOkResponse({ description: 'A Mermaid stateDiagram-v2' })
  @ApiProblems(404)
  mermaid(@Param('profile') profile: string): string {
    if (!isProfileId(profile)) throw unknownProfile(profile);
    return toMermaid(profile);
  }
}
