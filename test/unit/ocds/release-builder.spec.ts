import { describe, expect, it } from '@jest/globals';
import type { CallAnnouncement } from '../../../src/calls/call-announcement.entity.js';
import { ConfigurationError, loadEnvironment } from '../../../src/config/environment.js';
import { compileReleases, type JsonObject } from '../../../src/ocds/merge.js';
import type { Release } from '../../../src/ocds/ocds-types.js';
import { releasePackage } from '../../../src/ocds/packages.js';
import {
  awardStatusOf,
  bidStatusOf,
  buildRelease,
  contractStatusOf,
  languageOf,
  majorUnits,
  ocidOf,
  tenderStatusOf,
  type ReleaseHeader,
} from '../../../src/ocds/release-builder.js';
import type { ReleaseFacts } from '../../../src/ocds/release-facts.js';
import {
  codelistProblems,
  codelistValues,
  releasePackageErrors,
} from '../../fixtures/ocds-validation.js';

const LOT = '7d9b5f1e-2c4a-4f8e-9b1a-0c3d5e7f9a11';
const FAILED_LOT = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const at = (iso: string) => new Date(iso);

const BUYER = {
  id: 'b0000000-0000-4000-8000-000000000001',
  name: 'Министерство труда и социального развития КР',
  country: 'KG',
  registrationNumber: '01234567890123',
};
const NGO_A = {
  id: 'a0000000-0000-4000-8000-00000000000a',
  name: 'ОО «Реабилитация»',
  country: 'KG',
  registrationNumber: null,
};
const NGO_B = { ...NGO_A, id: 'a0000000-0000-4000-8000-00000000000b', name: 'ОФ «Шанс»' };

function announcement(version: number, fields: Partial<CallAnnouncement> = {}): CallAnnouncement {
  return {
    id: `c000000${version}-0000-4000-8000-000000000000`,
    lotId: LOT,
    version,
    callPeriodDays: 30,
    description: 'Социальное общежитие для клиентов пробации',
    criteria: [
      {
        code: 'experience',
        title: { ru: 'Опыт работы', en: 'Experience' },
        maxPoints: 40,
        weight: 2,
        minimum: 10,
        naAllowed: false,
      },
      {
        code: 'partners',
        title: { en: 'Partners' },
        maxPoints: 10,
        weight: 1,
        minimum: null,
        naAllowed: true,
      },
    ],
    tieRule: 'earliestSubmission',
    priorityCriterion: null,
    thresholds: { minTotal: 50 },
    eligibility: ['ngo'],
    requiredDocuments: [
      { code: 'statute', title: { ru: 'Устав' }, mimeTypes: ['application/pdf'] },
    ],
    maxAmount: 847_570_000,
    currency: 'KGS',
    note: version === 1 ? null : 'Уточнены критерии',
    changedFields: version === 1 ? [] : ['criteria'],
    extendByDays: version === 1 ? null : 2,
    autoExtendedByDays: version === 1 ? null : 3,
    publishedBy: BUYER.id,
    publishedAt: version === 1 ? at('2019-03-01T04:00:00Z') : at('2019-03-10T04:00:00Z'),
    ...fields,
  } as CallAnnouncement;
}

/** A KG lot walked to its closure, with an annulled award, a decline and a re-announcement link. */
function closedLot(): ReleaseFacts {
  return {
    lot: {
      id: LOT,
      number: '1.1',
      theme: 'Социальное общежитие',
      recipients: 'Клиенты пробации',
      goals: 'Ресоциализация',
      tasks: 'Предоставление жилья',
      territories: [
        { name: 'Ошская обл.', maxAmount: 133_300_000, code: 'KG-O' },
        { name: 'г. Бишкек', maxAmount: 714_270_000 },
      ],
      maxAmount: 847_570_000,
      currency: 'KGS',
      eligibility: ['ngo'],
      profileId: 'kg-grant',
      state: 'closed',
      cancellationReason: null,
    },
    programme: {
      id: 'p0000000-0000-4000-8000-000000000001',
      title: 'План реализации программы ГСЗ на 2019 год',
      jurisdiction: 'KG',
      timeZone: 'Asia/Bishkek',
    },
    buyer: BUYER,
    reannouncedFrom: { id: FAILED_LOT, number: '1.1', theme: 'Социальное общежитие' },
    hearings: [
      {
        id: 'h0000000-0000-4000-8000-000000000001',
        heldAt: at('2019-02-20T05:00:00Z'),
        place: 'Бишкек, ул. Орозбекова 37',
        onlineUrl: 'https://meet.example.kg/hearing',
        description: 'Общественные слушания по проекту программы',
        documents: [{ title: 'Проект программы', url: 'https://example.kg/draft.pdf' }],
        publishedAt: at('2019-02-01T04:00:00Z'),
        decision: 'openCall',
        approvedAt: at('2019-02-25T04:00:00Z'),
        protocolSha256: 'a'.repeat(64),
      },
    ],
    registrationClosesAt: at('2019-02-11T17:59:59.999Z'),
    call: {
      versions: [announcement(1), announcement(2)],
      closesAt: at('2019-04-05T17:59:59.999Z'),
      enquiriesCloseAt: at('2019-04-02T17:59:59.999Z'),
      hasEnquiries: true,
    },
    callClosedAt: at('2019-04-05T18:00:01Z'),
    admissibilityDoneAt: at('2019-04-08T04:00:00Z'),
    cancelledAt: null,
    deadlines: {
      admissibility: at('2019-04-15T17:59:59.999Z'),
      scoring: at('2019-04-22T17:59:59.999Z'),
    },
    bids: [
      {
        applicationId: 'e0000000-0000-4000-8000-00000000000a',
        ngo: NGO_A,
        submittedAt: at('2019-03-20T04:00:00Z'),
        decision: 'admitted',
      },
      {
        applicationId: 'e0000000-0000-4000-8000-00000000000b',
        ngo: NGO_B,
        submittedAt: at('2019-03-21T04:00:00Z'),
        decision: 'rejected',
      },
    ],
    protocols: [
      {
        id: 'f0000000-0000-4000-8000-000000000001',
        round: 1,
        sequence: 1,
        hash: 'b'.repeat(64),
        closedAt: at('2019-04-20T04:00:00Z'),
        supersededAt: at('2019-04-24T04:00:00Z'),
      },
      {
        id: 'f0000000-0000-4000-8000-000000000002',
        round: 1,
        sequence: 2,
        hash: 'c'.repeat(64),
        closedAt: at('2019-04-26T04:00:00Z'),
        supersededAt: null,
      },
    ],
    awards: [
      {
        id: 'd0000000-0000-4000-8000-000000000001',
        applicationId: 'e0000000-0000-4000-8000-00000000000a',
        ngo: NGO_A,
        rank: 1,
        amount: 400_000_000,
        currency: 'KGS',
        status: 'annulled',
        decidedAt: at('2019-04-20T04:00:00Z'),
        statusReason: 'Жалоба удовлетворена',
      },
      {
        id: 'd0000000-0000-4000-8000-000000000002',
        applicationId: 'e0000000-0000-4000-8000-00000000000a',
        ngo: NGO_A,
        rank: 1,
        amount: 400_000_012,
        currency: 'KGS',
        status: 'active',
        decidedAt: at('2019-04-26T04:00:00Z'),
        statusReason: null,
      },
    ],
    agreements: [
      {
        id: '90000000-0000-4000-8000-000000000001',
        awardId: 'd0000000-0000-4000-8000-000000000002',
        ngoId: NGO_A.id,
        amount: 400_000_012,
        currency: 'KGS',
        periodStart: '2019-05-01',
        periodEnd: '2020-04-30',
        status: 'closed',
        signedByBuyerAt: at('2019-05-02T04:00:00Z'),
        signedByGranteeAt: at('2019-05-03T04:00:00Z'),
        terminatedAt: null,
        terminationReason: null,
      },
    ],
    reports: [
      {
        id: '80000000-0000-4000-8000-000000000001',
        agreementId: '90000000-0000-4000-8000-000000000001',
        seq: 1,
        kind: 'interim',
        dueAt: at('2019-11-05T17:59:59.999Z'),
        status: 'accepted',
        submittedAt: at('2019-11-01T04:00:00Z'),
        acceptedAt: at('2019-11-04T04:00:00Z'),
      },
      {
        id: '80000000-0000-4000-8000-000000000002',
        agreementId: '90000000-0000-4000-8000-000000000001',
        seq: 2,
        kind: 'final',
        dueAt: at('2020-05-05T17:59:59.999Z'),
        status: 'accepted',
        submittedAt: at('2020-05-01T04:00:00Z'),
        acceptedAt: at('2020-05-04T04:00:00Z'),
      },
    ],
    tranches: [
      {
        id: '70000000-0000-4000-8000-000000000001',
        agreementId: '90000000-0000-4000-8000-000000000001',
        seq: 1,
        amount: 200_000_006,
        currency: 'KGS',
        paidAt: at('2019-05-10T04:00:00Z'),
      },
    ],
    closure: { actHash: 'd'.repeat(64), closedAt: at('2020-05-06T04:00:00Z') },
  };
}

function header(
  tag: ReleaseHeader['tag'],
  seq = 1,
  publicBaseUrl: string | null = null,
): ReleaseHeader {
  const ocid = ocidOf('ocds-soczak', LOT);
  return {
    ocid,
    id: `${ocid}-${seq}`,
    date: at('2020-05-06T04:00:01Z'),
    tag,
    prefix: 'ocds-soczak',
    publicBaseUrl,
  };
}

function packaged(...releases: Release[]) {
  return releasePackage(
    {
      uri: 'https://soczakaz.example.org/ocds/releases',
      publishedDate: at('2020-05-06T04:00:01Z'),
      publisher: { name: 'Soczakaz' },
    },
    releases,
    {},
  );
}

describe('OCDS mapping', () => {
  it('converts minor units to a number in the currency’s major units, exactly', () => {
    expect(majorUnits(847_570_000, 'KGS')).toBe(8_475_700);
    expect(majorUnits(12_345, 'UAH')).toBe(123.45);
    expect(majorUnits(5, 'KZT')).toBe(0.05);
    expect(majorUnits(-150, 'KGS')).toBe(-1.5);
    expect(majorUnits(1_000, 'JPY')).toBe(1_000);
    expect(majorUnits(1_234, 'KWD')).toBe(1.234);
    expect(() => majorUnits(2 ** 53, 'KGS')).toThrow(RangeError);
  });

  it('maps each lot state to the tender status of the tenderStatus codelist', () => {
    expect(
      [
        'draft',
        'publicHearing.registration',
        'callForBids.open',
        'evaluation.secondRound.meeting',
        'award.standstill',
        'award.contracting',
        'reporting',
        'closed',
        'terminated',
        'unsuccessful',
        'cancelled',
      ].map(tenderStatusOf),
    ).toEqual([
      'planning',
      'planning',
      'active',
      'active',
      'active',
      'complete',
      'complete',
      'complete',
      'complete',
      'unsuccessful',
      'cancelled',
    ]);
    expect(() => tenderStatusOf('limbo')).toThrow(RangeError);
  });

  it('maps awards, agreements and admissibility to the codelists', () => {
    expect(
      ['pending', 'active', 'declined', 'annulled', 'cancelled'].map((s) =>
        awardStatusOf(s as never),
      ),
    ).toEqual(['pending', 'active', 'unsuccessful', 'cancelled', 'cancelled']);
    expect(
      ['draft', 'signed', 'terminated', 'closed'].map((s) => contractStatusOf(s as never)),
    ).toEqual(['pending', 'active', 'terminated', 'terminated']);
    expect(bidStatusOf('admitted', false)).toBe('pending');
    expect(bidStatusOf('admitted', true)).toBe('valid');
    expect(bidStatusOf('rejected', true)).toBe('disqualified');
    expect(bidStatusOf(null, true)).toBe('pending');
    expect(languageOf('KG')).toBe('ru');
    expect(languageOf('UA')).toBe('uk');
  });

  it('refuses an ocid prefix that is not ocds- and six letters or digits', () => {
    expect(loadEnvironment({}).OCDS_PREFIX).toBe('ocds-soczak');
    expect(loadEnvironment({ OCDS_PREFIX: 'ocds-213czf' }).OCDS_PREFIX).toBe('ocds-213czf');
    expect(() => loadEnvironment({ OCDS_PREFIX: 'soczak' })).toThrow(ConfigurationError);
    expect(() => loadEnvironment({ OCDS_PREFIX: 'ocds-SOCZAK' })).toThrow(/OCDS_PREFIX/);
  });
});

describe('buildRelease', () => {
  it('states a closed lot’s whole process in a release valid against the extended schema', () => {
    const release = buildRelease(closedLot(), header(['contractTermination'], 12));
    expect(releasePackageErrors(packaged(release))).toEqual([]);
    expect(codelistProblems(release)).toEqual([]);
    // Packaged in the schema's order of fields, whatever order jsonb gave them back in.
    const reordered = Object.fromEntries(Object.entries(release).reverse()) as Release;
    expect(Object.keys(packaged(reordered).releases[0])).toEqual([
      'ocid',
      'id',
      'date',
      'tag',
      'initiationType',
      'language',
      'parties',
      'buyer',
      'planning',
      'tender',
      'bids',
      'awards',
      'contracts',
      'relatedProcesses',
    ]);
    expect(release).toMatchObject({
      ocid: `ocds-soczak-${LOT}`,
      id: `ocds-soczak-${LOT}-12`,
      date: '2020-05-06T04:00:01.000Z',
      tag: ['contractTermination'],
      initiationType: 'tender',
      language: 'ru',
      buyer: { id: BUYER.id, name: BUYER.name },
      planning: {
        rationale: 'Ресоциализация',
        budget: {
          amount: { amount: 8_475_700, currency: 'KGS' },
          projectID: closedLot().programme.id,
        },
      },
      tender: {
        id: LOT,
        title: '1.1. Социальное общежитие',
        status: 'complete',
        awardCriteria: 'ratedCriteria',
        tenderPeriod: {
          startDate: '2019-03-01T04:00:00.000Z',
          endDate: '2019-04-05T17:59:59.999Z',
        },
        enquiryPeriod: { endDate: '2019-04-02T17:59:59.999Z' },
        numberOfTenderers: 2,
        lots: [{ id: LOT, status: 'complete', value: { amount: 8_475_700, currency: 'KGS' } }],
        amendments: [
          {
            id: 'amendment-2',
            rationale: 'Уточнены критерии',
            description: 'Version 2; changed: criteria; closing extended by 5 days',
          },
        ],
      },
      relatedProcesses: [
        {
          relationship: ['unsuccessfulProcess'],
          scheme: 'ocid',
          identifier: `ocds-soczak-${FAILED_LOT}`,
        },
      ],
    });
    expect(release.tender.awardCriteriaDetails).toContain(
      'experience (Опыт работы): up to 40 points, weight 2, at least 10',
    );
    expect(release.tender.awardCriteriaDetails).toContain(
      'partners (Partners): up to 10 points, may be not applicable',
    );
    expect(release.tender.items?.map((item) => [item.id, item.unit.value.amount])).toEqual([
      ['KG-O', 1_333_000],
      ['territory-2', 7_142_700],
    ]);
  });

  it('publishes the hearing as a met engagement milestone with its notice and protocol', () => {
    const release = buildRelease(
      closedLot(),
      header(['contractTermination'], 12, 'https://soczakaz.example.org'),
    );
    const [milestone] = release.planning.milestones ?? [];
    expect(milestone).toMatchObject({
      type: 'engagement',
      status: 'met',
      dueDate: '2019-02-20T05:00:00.000Z',
      dateMet: '2019-02-25T04:00:00.000Z',
    });
    expect(milestone.documents?.map((d) => [d.documentType, d.url])).toEqual([
      ['hearingNotice', `https://soczakaz.example.org/public/lots/${LOT}/hearing`],
      [undefined, `https://soczakaz.example.org/public/lots/${LOT}/hearing/protocol`],
    ]);
    expect(release.planning.documents?.map((d) => d.documentType ?? d.title)).toEqual([
      'hearingNotice',
      'Проект программы',
    ]);
    expect(releasePackageErrors(packaged(release))).toEqual([]);
  });

  it('publishes bids, evaluation, awards and the contract’s implementation', () => {
    const release = buildRelease(closedLot(), header(['contractTermination'], 12));
    expect(release.bids?.statistics).toEqual([
      { id: 'bids', measure: 'bids', value: 2, relatedLot: LOT },
      { id: 'validBids', measure: 'validBids', value: 1, relatedLot: LOT },
      { id: 'disqualifiedBidders', measure: 'disqualifiedBidders', value: 1, relatedLot: LOT },
    ]);
    expect(release.bids?.details.map((bid) => [bid.status, bid.tenderers[0].name])).toEqual([
      ['valid', NGO_A.name],
      ['disqualified', NGO_B.name],
    ]);
    expect(JSON.stringify(release.bids)).not.toMatch(/requested|approach|budget/i);
    expect(release.tender.milestones?.map((m) => [m.id, m.type, m.status])).toEqual([
      ['admissibility', 'assessment', 'met'],
      ['evaluation-round-1', 'assessment', 'met'],
    ]);
    expect(
      release.tender.milestones?.[1].documents?.map((d) => [d.documentType, d.description]),
    ).toEqual([
      [
        'evaluationReports',
        `Round 1 protocol 1, sha-256 ${'b'.repeat(64)}; superseded 2019-04-24T04:00:00.000Z`,
      ],
      ['evaluationReports', `Round 1 protocol 2, sha-256 ${'c'.repeat(64)}`],
    ]);
    expect(release.awards?.map((a) => [a.status, a.value.amount, a.suppliers[0].id])).toEqual([
      ['cancelled', 4_000_000, NGO_A.id],
      ['active', 4_000_000.12, NGO_A.id],
    ]);
    const [contract] = release.contracts ?? [];
    expect(contract).toMatchObject({
      awardID: 'd0000000-0000-4000-8000-000000000002',
      status: 'terminated',
      value: { amount: 4_000_000.12, currency: 'KGS' },
      dateSigned: '2019-05-03T04:00:00.000Z',
      // The agreement's days, in Bishkek (UTC+6).
      period: { startDate: '2019-04-30T18:00:00.000Z', endDate: '2020-04-30T17:59:59.999Z' },
    });
    expect(contract.implementation?.milestones?.map((m) => [m.type, m.code, m.status])).toEqual([
      ['reporting', 'interimReport', 'met'],
      ['reporting', 'finalReport', 'met'],
      ['payment', 'tranche', 'met'],
    ]);
    expect(contract.implementation?.transactions).toEqual([
      {
        id: '70000000-0000-4000-8000-000000000001',
        date: '2019-05-10T04:00:00.000Z',
        value: { amount: 2_000_000.06, currency: 'KGS' },
        payer: { id: BUYER.id, name: BUYER.name },
        payee: { id: NGO_A.id, name: NGO_A.name },
      },
    ]);
    expect(contract.implementation?.documents?.[0]).toMatchObject({
      documentType: 'completionCertificate',
      description: `Closure act sha-256 ${'d'.repeat(64)}`,
    });
    expect(release.parties.map((p) => [p.name, p.roles])).toEqual([
      [BUYER.name, ['buyer', 'procuringEntity', 'payer']],
      [NGO_A.name, ['supplier', 'tenderer', 'payee']],
      [NGO_B.name, ['tenderer']],
    ]);
  });

  it('says nothing about applications before the call closes', () => {
    const facts: ReleaseFacts = {
      ...closedLot(),
      lot: { ...closedLot().lot, state: 'callForBids.open' },
      callClosedAt: null,
      admissibilityDoneAt: null,
      bids: [],
      protocols: [],
      awards: [],
      agreements: [],
      reports: [],
      tranches: [],
      closure: null,
      deadlines: {},
    };
    const release = buildRelease(facts, header(['tender']));
    expect(release.bids).toBeUndefined();
    expect(release.tender).not.toHaveProperty('numberOfTenderers');
    expect(release.tender).not.toHaveProperty('tenderers');
    expect(release.parties.map((party) => party.roles)).toEqual([['buyer', 'procuringEntity']]);
    expect(release.tender.status).toBe('active');
    expect(releasePackageErrors(packaged(release))).toEqual([]);
  });

  it('counts bids but leaves their validity pending until the admissibility check is done', () => {
    const facts: ReleaseFacts = {
      ...closedLot(),
      lot: { ...closedLot().lot, state: 'evaluation.admissibility' },
      admissibilityDoneAt: null,
      protocols: [],
      awards: [],
      agreements: [],
      reports: [],
      tranches: [],
      closure: null,
    };
    const release = buildRelease(facts, header(['tenderUpdate']));
    expect(release.bids?.statistics).toEqual([
      { id: 'bids', measure: 'bids', value: 2, relatedLot: LOT },
    ]);
    expect(release.bids?.details.map((bid) => bid.status)).toEqual(['pending', 'pending']);
    expect(release.tender.milestones?.[0]).toMatchObject({
      id: 'admissibility',
      status: 'scheduled',
    });
  });

  it('gives a cancelled lot its reason and marks what was still to come as not met', () => {
    const facts: ReleaseFacts = {
      ...closedLot(),
      lot: {
        ...closedLot().lot,
        state: 'cancelled',
        cancellationReason: 'Финансирование отозвано',
      },
      cancelledAt: at('2019-04-21T04:00:00Z'),
      protocols: [],
      awards: [],
      agreements: [],
      reports: [],
      tranches: [],
      closure: null,
    };
    const release = buildRelease(facts, header(['tenderCancellation']));
    expect(release.tender.status).toBe('cancelled');
    expect(release.tender.documents?.find((d) => d.id === 'cancellation')).toEqual({
      id: 'cancellation',
      documentType: 'cancellationDetails',
      description: 'Финансирование отозвано',
      datePublished: '2019-04-21T04:00:00.000Z',
      relatedLots: [LOT],
    });
    expect(release.tender.milestones?.find((m) => m.id === 'evaluation-round-1')?.status).toBe(
      'notMet',
    );
    expect(codelistProblems(release)).toEqual([]);
  });

  it('compiles a planning and a later release into the latest state, still valid', () => {
    const planning: ReleaseFacts = {
      ...closedLot(),
      lot: { ...closedLot().lot, state: 'publicHearing.registration' },
      hearings: [
        { ...closedLot().hearings[0], decision: null, approvedAt: null, protocolSha256: null },
      ],
      call: null,
      callClosedAt: null,
      admissibilityDoneAt: null,
      deadlines: {},
      bids: [],
      protocols: [],
      awards: [],
      agreements: [],
      reports: [],
      tranches: [],
      closure: null,
    };
    const first = buildRelease(planning, {
      ...header(['planning'], 1),
      date: at('2019-02-01T04:00:01Z'),
    });
    expect(first.tender.status).toBe('planning');
    expect(first.planning.milestones?.[0].status).toBe('scheduled');
    const last = buildRelease(closedLot(), header(['contractTermination'], 2));
    const compiled = compileReleases([first, last] as unknown as JsonObject[]);
    expect(compiled).toMatchObject({
      id: `ocds-soczak-${LOT}-2020-05-06T04:00:01.000Z`,
      tag: ['compiled'],
      tender: { status: 'complete' },
      planning: { milestones: [{ status: 'met' }] },
    });
    expect(releasePackageErrors(packaged(compiled as unknown as Release))).toEqual([]);
    expect(codelistValues(compiled).map((use) => use.codelist)).toEqual(
      expect.arrayContaining([
        'tag',
        'tenderStatus',
        'awardStatus',
        'contractStatus',
        'milestoneType',
        'documentType',
        'partyRole',
        'bidStatus',
        'bidStatistics',
        'relatedProcess',
      ]),
    );
  });
});

describe('the OCDS validator of these tests', () => {
  it('refuses what the core schema and the applied extensions refuse', () => {
    const release = buildRelease(closedLot(), header(['contractTermination'], 12));
    const broken = JSON.parse(JSON.stringify(release)) as Release & Record<string, unknown>;
    (broken.awards ?? [])[0].status = 'declined' as never;
    (broken.bids?.details ?? [])[0].status = 'admitted' as never;
    broken.tender.lots[0].status = 'closed' as never;
    broken.tender.value.amount = '8475700' as never;
    broken.date = '2020-05-06 04:00' as never;
    const errors = releasePackageErrors(packaged(broken));
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/releases\/0\/awards\/0\/status /),
        expect.stringMatching(/^\/releases\/0\/bids\/details\/0\/status /),
        expect.stringMatching(/^\/releases\/0\/tender\/lots\/0\/status /),
        expect.stringMatching(/^\/releases\/0\/tender\/value\/amount /),
        expect.stringMatching(/^\/releases\/0\/date /),
      ]),
    );
    expect(codelistProblems(broken)).toEqual(
      expect.arrayContaining([
        'awardStatus: declined',
        'bidStatus: admitted',
        'tenderStatus: closed',
      ]),
    );
  });
});
