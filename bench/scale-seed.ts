import type pg from 'pg';
import {
  lotMachineFor,
  PROFILE_IDS,
  startLot,
  type PersistedLotSnapshot,
} from '../workflows/index.js';

/**
 * Seeds a catalogue of lots the size of several years of state social order in three countries,
 * straight in SQL (INSERT … SELECT generate_series, in batches): buyers, their yearly programmes,
 * and lots whose states follow their programme's age (old programmes closed, this year's in
 * calls and evaluation, next year's in drafts and hearings), with real machine snapshots.
 */

/** The lifecycle stage of a programme by its period: what its lots' states look like. */
type Era = 'past' | 'lastYear' | 'thisYear' | 'nextYear';

interface Country {
  code: 'KG' | 'KZ' | 'UA';
  /** Out of 20 buyers. */
  share: number;
  timeZone: string;
  currency: string;
  profileId: (typeof PROFILE_IDS)[number];
  buyerNames: string[];
  cities: string[];
  territories: string[];
  themes: string[];
  recipients: string[];
  goals: string[];
  tasks: string;
  results: string;
  indicator: { description: string; unit: string };
}

const RU_THEMES = [
  'Центр по предоставлению услуг семьям с детьми, находящимся в трудной жизненной ситуации',
  'Центр по предоставлению услуг для детей, находящихся в конфликте с законом',
  'Дневной центр для детей с инвалидностью',
  'Социальное обслуживание пожилых граждан на дому',
  'Паллиативная помощь и хосписная служба на дому',
  'Профилактика семейного насилия и кризисный центр для женщин',
  'Реабилитация лиц, освободившихся из мест лишения свободы',
  'Поддержка выпускников детских учреждений интернатного типа',
  'Инклюзивное образование детей с ограниченными возможностями здоровья',
  'Профилактика ВИЧ-инфекции среди молодёжи',
  'Социальная адаптация лиц без определённого места жительства',
  'Служба раннего вмешательства для детей до трёх лет',
  'Приёмные семьи: подготовка и сопровождение',
  'Трудоустройство людей с инвалидностью',
  'Психологическая помощь семьям мигрантов',
];

const COUNTRIES: Country[] = [
  {
    code: 'KG',
    share: 9,
    timeZone: 'Asia/Bishkek',
    currency: 'KGS',
    profileId: 'kg-grant',
    buyerNames: [
      'Министерство труда и социального развития',
      'Управление социального развития',
      'Мэрия города',
      'Департамент по делам детей',
    ],
    cities: ['Бишкек', 'Ош', 'Джалал-Абад', 'Каракол', 'Нарын', 'Талас', 'Баткен', 'Токмок'],
    territories: [
      'Ошская обл.',
      'Джалал-Абадская обл.',
      'Баткенская обл.',
      'Таласская обл.',
      'Иссык-Кульская обл.',
      'Чуйская обл.',
      'Нарынская обл.',
      'г. Бишкек',
      'г. Ош',
    ],
    themes: RU_THEMES,
    recipients: [
      'Семьи и дети, находящиеся в ТЖС',
      'Дети, находящиеся в конфликте с законом',
      'Дети с инвалидностью и их родители',
      'Пожилые граждане и лица с инвалидностью',
    ],
    goals: [
      'Социальное сопровождение семей с детьми в целях предотвращения попадания детей в детские учреждения',
      'Социализация, интеграция и адаптация получателей услуг в местном сообществе',
    ],
    tasks:
      '- предоставление социальных, психологических, педагогических, реабилитационных услуг;\n' +
      '- восстановление детско-родительских отношений;\n' +
      '- предоставление услуг временного пребывания 25 детям, находящимся в ТЖС.',
    results: 'Получателям предоставлены услуги, снижено число помещений детей в учреждения',
    indicator: { description: 'детей получили услуги временного пребывания', unit: 'детей' },
  },
  {
    code: 'KZ',
    share: 6,
    timeZone: 'Asia/Almaty',
    currency: 'KZT',
    profileId: 'kz-two-round',
    buyerNames: [
      'Управление внутренней политики',
      'Управление занятости и социальных программ',
      'Аппарат акима',
      'Управление общественного развития',
    ],
    cities: ['Алматы', 'Астана', 'Шымкент', 'Караганда', 'Актобе', 'Павлодар', 'Семей'],
    territories: [
      'Алматинская обл.',
      'Акмолинская обл.',
      'Карагандинская обл.',
      'Туркестанская обл.',
      'Павлодарская обл.',
      'Актюбинская обл.',
      'г. Алматы',
      'г. Астана',
      'г. Шымкент',
    ],
    themes: RU_THEMES,
    recipients: [
      'Социально уязвимые слои населения',
      'Молодёжь НЕЕТ',
      'Лица с инвалидностью',
      'Многодетные семьи',
    ],
    goals: [
      'Повышение доступности специальных социальных услуг в регионе',
      'Снижение социальной изоляции получателей услуг',
    ],
    tasks:
      '- организация работы мобильных групп;\n' +
      '- проведение обучающих семинаров для 120 участников;\n' +
      '- информационная кампания в районах области.',
    results: 'Охвачено услугами не менее 300 человек, проведено 12 семинаров',
    indicator: { description: 'получателей охвачены услугами', unit: 'человек' },
  },
  {
    code: 'UA',
    share: 5,
    timeZone: 'Europe/Kyiv',
    currency: 'UAH',
    profileId: 'ua-competition',
    buyerNames: [
      'Центр соціальних служб',
      'Департамент соціального захисту населення',
      'Управління соціальної політики',
      'Служба у справах дітей',
    ],
    cities: ['Київ', 'Львів', 'Кропивницький', 'Вінниця', 'Полтава', 'Чернівці', 'Житомир'],
    territories: [
      'Київська обл.',
      'Львівська обл.',
      'Кіровоградська обл.',
      'Вінницька обл.',
      'Полтавська обл.',
      'Чернівецька обл.',
      'Житомирська обл.',
      'м. Київ',
    ],
    themes: [
      'Соціальна профілактика для сімей з дітьми',
      'Денний догляд дітей з інвалідністю',
      'Паліативний догляд вдома',
      'Соціальна адаптація внутрішньо переміщених осіб',
      'Підтримане проживання осіб похилого віку',
      'Кризове та екстрене втручання',
      'Психологічна підтримка ветеранів та їхніх родин',
      'Супровід прийомних сімей і дитячих будинків сімейного типу',
      'Натуральна допомога та соціальне таксі',
      'Консультування та представництво інтересів',
    ],
    recipients: [
      "Сім'ї з дітьми у складних життєвих обставинах",
      'Внутрішньо переміщені особи',
      'Особи з інвалідністю',
      'Ветерани та члени їхніх сімей',
    ],
    goals: [
      'Подолання складних життєвих обставин отримувачів послуг',
      'Збереження самостійності та інтеграція в громаду',
    ],
    tasks:
      '- надання соціальних послуг за місцем проживання;\n' +
      '- психологічне консультування 80 осіб;\n' +
      '- організація груп взаємопідтримки.',
    results: 'Послуги отримали не менше 150 осіб, 90 % задоволені якістю',
    indicator: { description: 'осіб отримали соціальні послуги', unit: 'осіб' },
  },
];

/** The first programme year: seven years of history before this one. */
const FIRST_YEAR = new Date().getUTCFullYear() - 7;

/** How a programme's lots are spread over the lifecycle, by the programme's age (weights). */
const STATE_WEIGHTS: Record<Era, Record<string, number>> = {
  past: { closed: 80, unsuccessful: 8, cancelled: 6, terminated: 3, reporting: 3 },
  lastYear: {
    reporting: 45,
    closed: 30,
    unsuccessful: 8,
    cancelled: 5,
    terminated: 4,
    'award.contracting': 5,
    'award.standstill': 3,
  },
  thisYear: {
    draft: 8,
    'publicHearing.registration': 3,
    'publicHearing.discussion': 3,
    'callForBids.open': 20,
    'evaluation.admissibility': 6,
    'evaluation.scoring': 6,
    'evaluation.meeting': 4,
    'evaluation.secondRound.scoring': 3,
    'evaluation.secondRound.meeting': 2,
    'award.standstill': 4,
    'award.contracting': 6,
    reporting: 25,
    unsuccessful: 5,
    cancelled: 3,
  },
  nextYear: {
    draft: 70,
    'publicHearing.registration': 8,
    'publicHearing.discussion': 8,
    'callForBids.open': 10,
    cancelled: 4,
  },
};

/** Events a lot went through to reach a state (its version − 1), roughly. */
const STEPS: Record<string, number> = {
  draft: 0,
  'publicHearing.registration': 1,
  'publicHearing.discussion': 2,
  'callForBids.open': 3,
  'evaluation.admissibility': 4,
  'evaluation.scoring': 5,
  'evaluation.meeting': 6,
  'evaluation.secondRound.scoring': 7,
  'evaluation.secondRound.meeting': 8,
  'award.standstill': 7,
  'award.contracting': 8,
  reporting: 9,
  closed: 10,
  terminated: 10,
  unsuccessful: 6,
  cancelled: 2,
};

/** Every leaf state of a profile's machine as its dotted name and its XState value. */
function leafStates(profileId: string): Map<string, { value: unknown; final: boolean }> {
  const leaves = new Map<string, { value: unknown; final: boolean }>();
  interface StateNode {
    key: string;
    type: string;
    states: Record<string, StateNode>;
  }
  const walk = (node: StateNode, path: string[]) => {
    if (node.type === 'history') return;
    const children = Object.values(node.states);
    if (children.length === 0) {
      // 'evaluation.secondRound.scoring' is { evaluation: { secondRound: 'scoring' } }.
      const [leaf] = path.slice(-1);
      leaves.set(path.join('.'), {
        value: path.slice(0, -1).reduceRight<unknown>((inner, key) => ({ [key]: inner }), leaf),
        final: node.type === 'final',
      });
      return;
    }
    for (const child of children) walk(child, [...path, child.key]);
  };
  walk(lotMachineFor(profileId).root as unknown as StateNode, []);
  return leaves;
}

/**
 * For each profile and era, the states its lots take with cumulative bounds in [0, 1): a lot
 * whose draw falls in [lo, hi) takes that state. States a profile has not are left out.
 */
function stateMix() {
  const rows: {
    profileId: string;
    era: Era;
    state: string;
    value: unknown;
    done: boolean;
    steps: number;
    lo: number;
    hi: number;
  }[] = [];
  for (const profileId of PROFILE_IDS) {
    const leaves = leafStates(profileId);
    for (const [era, weights] of Object.entries(STATE_WEIGHTS) as [Era, Record<string, number>][]) {
      const present = Object.entries(weights).filter(([state]) => leaves.has(state));
      const sum = present.reduce((total, [, weight]) => total + weight, 0);
      let lo = 0;
      present.forEach(([state, weight], index) => {
        const leaf = leaves.get(state);
        // The last bound is 1 whatever the rounding of the sum: every draw takes a state.
        const hi = index === present.length - 1 ? 1 : lo + weight / sum;
        rows.push({
          profileId,
          era,
          state,
          value: leaf?.value,
          done: leaf?.final ?? false,
          steps: STEPS[state],
          lo,
          hi,
        });
        lo = hi;
      });
    }
  }
  return rows;
}

export interface SeedPlan {
  lots: number;
  buyers: number;
  programmes: number;
  /** Lots of one programme (the last may have fewer). */
  lotsPerProgramme: number;
}

/** Programme years: from FIRST_YEAR to the one being planned, next year. */
const YEARS = new Date().getUTCFullYear() + 2 - FIRST_YEAR;

export function seedPlan(lots: number, buyers: number, lotsPerProgramme: number): SeedPlan {
  const programmes = Math.max(1, Math.ceil(lots / lotsPerProgramme));
  // Each buyer a programme a year: fewer buyers when there are few programmes.
  const withProgrammes = Math.min(buyers, Math.ceil(programmes / YEARS));
  return { lots, buyers: withProgrammes, programmes, lotsPerProgramme };
}

const BATCH = 100_000;

/**
 * Inserts the plan's buyers, programmes and lots. `createdBy` is the user recorded as the
 * programmes' author. Reports progress through `say`.
 */
export async function seedLots(
  client: pg.Client,
  plan: SeedPlan,
  createdBy: string,
  say: (line: string) => void,
): Promise<void> {
  const countries = JSON.stringify(
    COUNTRIES.flatMap((country) =>
      Array.from({ length: country.share }, () => ({
        ...country,
        context: (startLot(country.profileId).snapshot as PersistedLotSnapshot).context,
      })),
    ).map((country, slot) => ({ ...country, slot })),
  );
  await client.query(
    `CREATE TEMP TABLE seed_country AS
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(slot int,
      code text, "timeZone" text, currency text, "profileId" text, "buyerNames" text[],
      cities text[], territories text[], themes text[], recipients text[], goals text[],
      tasks text, results text, indicator jsonb, context jsonb)`,
    [countries],
  );
  await client.query(
    `CREATE TEMP TABLE seed_state AS SELECT * FROM jsonb_to_recordset($1::jsonb) AS s(
       "profileId" text, era text, state text, value jsonb, done boolean, steps int,
       lo float8, hi float8)`,
    [JSON.stringify(stateMix())],
  );

  // Buyers: ministries, city halls and social services of three countries, 20 slots a round.
  await client.query(
    `INSERT INTO organisations (kind, name, country, time_zone, registration_number,
       verification_status, verified_at, created_at)
     SELECT 'buyer',
       c."buyerNames"[1 + b % cardinality(c."buyerNames")] || ' ' ||
         c.cities[1 + (b / 20) % cardinality(c.cities)] || ' №' || b,
       c.code, c."timeZone", 'REG-' || lpad(b::text, 8, '0'), 'verified',
       timestamptz '2018-06-01' + b * interval '2 hours', timestamptz '2018-06-01' + b * interval '1 hour'
     FROM generate_series(0, $1 - 1) b JOIN seed_country c ON c.slot = b % 20`,
    [plan.buyers],
  );
  await client.query(`CREATE TEMP TABLE seed_buyer AS
    SELECT row_number() OVER (ORDER BY created_at, id) - 1 AS n, id, country
    FROM organisations WHERE kind = 'buyer'`);

  // Programmes: each buyer one a year, from FIRST_YEAR to next year, round-robin.
  await client.query(
    `CREATE TEMP TABLE seed_programme AS
     SELECT p AS n, gen_random_uuid() AS id, b.id AS buyer_id, c.slot AS country_slot, c.code,
       c."profileId" AS profile_id,
       c.currency, c."timeZone" AS time_zone,
       $3::int + p % $4 AS year,
       CASE
         WHEN $3::int + p % $4 > extract(year FROM now()) THEN 'nextYear'
         WHEN $3::int + p % $4 = extract(year FROM now()) THEN 'thisYear'
         WHEN $3::int + p % $4 = extract(year FROM now()) - 1 THEN 'lastYear'
         ELSE 'past' END AS era
     FROM generate_series(0, $1 - 1) p
     JOIN seed_buyer b ON b.n = (p / $4) % $2
     JOIN seed_country c ON c.slot = b.n % 20`,
    [plan.programmes, plan.buyers, FIRST_YEAR, YEARS],
  );
  await client.query(
    `INSERT INTO programmes (id, buyer_id, title, jurisdiction, period_start, period_end, currency,
       total_budget, profile_id, time_zone, created_by, created_at, updated_at)
     SELECT p.id, p.buyer_id,
       CASE p.code WHEN 'UA' THEN 'Соціальне замовлення на ' ELSE 'Государственный социальный заказ на ' END
         || p.year || CASE p.code WHEN 'UA' THEN ' рік' ELSE ' год' END || ' (' || p.n || ')',
       p.code, make_date(p.year, 1, 1), make_date(p.year, 12, 31), p.currency,
       $2::bigint * 3000000000, p.profile_id, p.time_zone, $1,
       make_timestamptz(p.year - 1, 9, 1, 9, 0, 0, 'UTC') + (p.n % 30) * interval '1 day',
       make_timestamptz(p.year - 1, 9, 1, 9, 0, 0, 'UTC') + (p.n % 30) * interval '1 day'
     FROM seed_programme p`,
    [createdBy, plan.lotsPerProgramme],
  );
  await client.query(`CREATE INDEX ON seed_programme (n)`);
  await client.query(`ANALYZE seed_programme`);

  // Lots in batches; hashint4 makes each lot's draws (state, theme, territories) repeatable.
  for (let from = 0; from < plan.lots; from += BATCH) {
    const to = Math.min(plan.lots, from + BATCH) - 1;
    await client.query(
      `INSERT INTO lots (programme_id, buyer_id, number, section, theme, recipients, goals, tasks,
         territories, max_amount, currency, duration_months, expected_results, indicator_targets,
         profile_id, state, snapshot, version, created_at, updated_at)
       SELECT p.id, p.buyer_id,
         (k / 10 + 1) || '.' || (k % 10 + 1),
         (k / 10 + 1) || '. ' || c.themes[1 + (k / 10) % cardinality(c.themes)],
         c.themes[1 + (h1 & 2147483647) % cardinality(c.themes)],
         c.recipients[1 + (h2 & 2147483647) % cardinality(c.recipients)],
         c.goals[1 + (h2 & 2147483647) % cardinality(c.goals)],
         c.tasks,
         (SELECT jsonb_agg(jsonb_build_object('name',
            c.territories[1 + ((h3 & 2147483647) + t) % cardinality(c.territories)], 'maxAmount', amount))
          FROM generate_series(1, places) t),
         amount * places, p.currency, 12, c.results,
         jsonb_build_array(jsonb_build_object('description', c.indicator->>'description',
           'target', 10 + (h1 & 2147483647) % 200, 'unit', c.indicator->>'unit')),
         p.profile_id, s.state,
         jsonb_build_object('status', CASE WHEN s.done THEN 'done' ELSE 'active' END,
           'value', s.value,
           'context', c.context || jsonb_build_object(
             'round', CASE WHEN s.state LIKE 'evaluation.secondRound%' THEN 2 ELSE 1 END,
             'cancellationReason', CASE WHEN s.state = 'cancelled'
               THEN 'Бюджет программы сокращён' END,
             'terminationReason', CASE WHEN s.state = 'terminated'
               THEN 'Исполнитель не выполнил условия договора' END)),
         1 + s.steps,
         created, least(now(), created + s.steps * interval '9 days')
       FROM (
         SELECT g, g % $3 AS k, g / $3 AS n,
           hashint4(g) AS h1, hashint4(g # 1431655765) AS h2, hashint4(g # 715827882) AS h3,
           (hashint4(g # 286331153)::float8 + 2147483648) / 4294967296 AS draw,
           1 + (hashint4(g # 858993459) & 2147483647) % 3 AS places,
           (50 + (hashint4(g # 1145324612) & 2147483647) % 950)::bigint * 1000000 AS amount
         FROM generate_series($1::int, $2::int) g
       ) l
       JOIN seed_programme p ON p.n = l.n
       JOIN seed_country c ON c.slot = p.country_slot
       JOIN seed_state s ON s."profileId" = p.profile_id AND s.era = p.era
         AND l.draw >= s.lo AND l.draw < s.hi
       CROSS JOIN LATERAL (SELECT make_timestamptz(p.year - 1, 10, 1, 8, 0, 0, 'UTC')
         + l.k * interval '7 minutes' + ((l.h3 & 2147483647) % 60) * interval '1 day' AS created) t`,
      [from, to, plan.lotsPerProgramme],
    );
    say(`  seed: ${to + 1} lots`);
  }
}
