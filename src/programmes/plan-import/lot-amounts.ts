/**
 * The amounts of one lot, checked: units (a figure a thousand times off its peers), district
 * subtotals, the stated total against the sum of the territories, territories against the
 * territory column, currency. Every disagreement is an issue; no figure is ever replaced.
 */
import {
  readAmountCell,
  type AmountCellReading,
  type Figure,
  type TerritoryLine,
} from './amounts.js';
import { show, type Context, type RowIssues } from './context.js';
import { planIssue } from './issues.js';
import { decimalString, sumMinor, toMinorUnits } from './money.js';
import { isCity, readTerritoryText, recogniseTerritory, territoryLabel } from './territories.js';
import { oneLine } from './text.js';
import type { AmountInterpretation, AmountUnit, ParsedAmount, ParsedTerritory } from './types.js';

interface LineDraft {
  line: TerritoryLine;
  amount: ParsedAmount | null;
  subtotal: ParsedAmount | null;
}

export interface AmountDraft {
  reading: AmountCellReading;
  lines: LineDraft[];
  bare: (ParsedAmount | null)[];
  totals: (ParsedAmount | null)[];
}

/** The unit the cell writes on its figures, when they all agree. */
export function cellUnit(reading: AmountCellReading): AmountUnit | null {
  const figures: Figure[] = [
    ...reading.lines.flatMap((line) =>
      line.districts ? [line.figure, line.districts.subtotal] : [line.figure],
    ),
    ...reading.bare,
    ...reading.totals,
  ];
  const units = new Set(
    figures.map((figure) => figure.writtenUnit).filter((unit) => unit !== null),
  );
  return units.size === 1 ? [...units][0] : null;
}

export function convertFigure(
  figure: Figure,
  fallback: AmountUnit | null,
  context: Context,
  issues: RowIssues,
  territory: string | undefined,
): ParsedAmount | null {
  const unit = figure.writtenUnit ?? fallback ?? context.unit;
  const unitSource = figure.writtenUnit ? 'written' : fallback ? 'cell' : 'default';
  const result = toMinorUnits(figure.digits, unit, context.minorDigits);
  if (!result.ok) {
    issues.add(
      result.reason === 'precision'
        ? planIssue(
            'amount_precision',
            'maxAmount',
            `"${figure.raw}" read in ${unit} is finer than one minor unit of ${context.currency}; it is not rounded`,
            { raw: figure.raw, territory },
          )
        : planIssue(
            'amount_out_of_range',
            'maxAmount',
            `"${figure.raw}" read in ${unit} is too large to be held exactly`,
            { raw: figure.raw, territory },
          ),
    );
    return null;
  }
  return {
    raw: figure.raw,
    value: decimalString(figure.digits),
    unit,
    unitSource,
    minor: result.minor,
  };
}

export function readAmounts(cell: string, context: Context, issues: RowIssues): AmountDraft {
  const reading = readAmountCell(cell);
  const fallback = cellUnit(reading);
  const lines = reading.lines.map((line) => ({
    line,
    amount: convertFigure(line.figure, fallback, context, issues, line.name),
    subtotal: line.districts
      ? convertFigure(line.districts.subtotal, fallback, context, issues, line.name)
      : null,
  }));
  return {
    reading,
    lines,
    bare: reading.bare.map((figure) => convertFigure(figure, fallback, context, issues, undefined)),
    totals: reading.totals.map((figure) =>
      convertFigure(figure, fallback, context, issues, undefined),
    ),
  };
}

/** The lower middle value: integers only, no averaging. */
export function median(values: readonly number[]): bigint | null {
  if (values.length === 0) return null;
  const sorted = [...values].map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

const SMALLER: Partial<Record<AmountUnit, AmountUnit>> = {
  thousands: 'units',
  millions: 'thousands',
};
const LARGER: Partial<Record<AmountUnit, AmountUnit>> = {
  units: 'thousands',
  thousands: 'millions',
};

/**
 * A figure suspectRatio times above the median of its peers that would sit among
 * them if it were written one unit smaller ("481 692" som among thousands), or the reverse.
 * Returns the other reading, or null when the figure looks like its peers.
 */
function otherReading(
  amount: ParsedAmount,
  peers: bigint | null,
  context: Context,
): { unit: AmountUnit; minor: number } | null {
  if (peers === null || peers <= 0n || amount.minor <= 0) return null;
  const value = BigInt(amount.minor);
  const within = (candidate: bigint) => candidate * 10n >= peers && candidate <= peers * 10n;
  const smaller = SMALLER[amount.unit];
  if (smaller && value >= peers * context.suspectRatio && within(value / 1000n)) {
    if (value % 1000n === 0n) return { unit: smaller, minor: Number(value / 1000n) };
  }
  const larger = LARGER[amount.unit];
  if (larger && value * context.suspectRatio <= peers && within(value * 1000n)) {
    const minor = value * 1000n;
    if (minor <= BigInt(Number.MAX_SAFE_INTEGER)) return { unit: larger, minor: Number(minor) };
  }
  return null;
}

interface Suspect {
  draft: LineDraft | null;
  amount: ParsedAmount;
  other: { unit: AmountUnit; minor: number };
}

function checkUnits(
  amounts: AmountDraft,
  fileMedian: bigint | null,
  context: Context,
  issues: RowIssues,
): Suspect[] {
  const figures: { draft: LineDraft | null; amount: ParsedAmount; name?: string }[] = [
    ...amounts.lines.flatMap((draft) =>
      draft.amount ? [{ draft, amount: draft.amount, name: draft.line.name }] : [],
    ),
    ...amounts.bare.flatMap((amount) => (amount ? [{ draft: null, amount }] : [])),
  ];
  const subtotals = amounts.lines.flatMap((draft) =>
    draft.subtotal ? [draft.subtotal.minor] : [],
  );
  // The reference is the median of the lot's own figures (itself included, so that one odd
  // figure cannot become the reference), or of the whole file's for a lot of one or two figures.
  const own = [...figures.map((figure) => figure.amount.minor), ...subtotals];
  const reference = own.length >= 3 ? median(own) : fileMedian;
  const suspects: Suspect[] = [];
  figures.forEach((figure) => {
    const other = otherReading(figure.amount, reference, context);
    if (!other) return;
    suspects.push({ draft: figure.draft, amount: figure.amount, other });
    const written = figure.amount.unit;
    issues.add(
      planIssue(
        'amount_unit_suspect',
        'maxAmount',
        `"${figure.amount.raw}"${figure.name ? ` (${figure.name})` : ''} is about ${
          figure.amount.minor > other.minor ? 'a thousand times larger' : 'a thousand times smaller'
        } than the other figures of the plan: read in ${written} (${
          { written: 'as written', cell: 'the unit of its cell', default: "the file's unit" }[
            figure.amount.unitSource
          ]
        }) it is ${show(figure.amount.minor, written, context)}; read in ${other.unit} it would be ${show(
          other.minor,
          other.unit,
          context,
        )}. Neither reading is chosen: correct the figure in the plan and import again.`,
        {
          territory: figure.name,
          raw: figure.amount.raw,
          actual: figure.amount.minor,
          interpretations: [
            { unit: written, asWritten: true, minor: figure.amount.minor },
            { unit: other.unit, asWritten: false, minor: other.minor },
          ],
        },
      ),
    );
  });
  return suspects;
}

function checkDistricts(
  drafts: LineDraft[],
  suspects: Suspect[],
  context: Context,
  issues: RowIssues,
) {
  for (const draft of drafts) {
    const districts = draft.line.districts;
    if (!districts || !draft.amount || !draft.subtotal) continue;
    const count = BigInt(districts.count);
    const product = BigInt(draft.amount.minor) * count;
    const stated = BigInt(draft.subtotal.minor);
    if (product === stated) continue;
    if (product > BigInt(Number.MAX_SAFE_INTEGER)) {
      issues.add(
        planIssue(
          'amount_out_of_range',
          'maxAmount',
          `${districts.count} × "${draft.amount.raw}" is too large to be held exactly`,
          { territory: draft.line.name, raw: `${draft.line.raw} ${districts.raw}` },
        ),
      );
      continue;
    }
    const suspect = suspects.find((candidate) => candidate.draft === draft);
    const interpretations: AmountInterpretation[] = [
      {
        unit: draft.amount.unit,
        asWritten: true,
        minor: Number(product),
        difference: Number(product - stated),
      },
    ];
    let alternative = '';
    if (suspect) {
      const otherProduct = BigInt(suspect.other.minor) * count;
      interpretations.push({
        unit: suspect.other.unit,
        asWritten: false,
        minor: Number(otherProduct),
        difference: Number(otherProduct - stated),
      });
      alternative =
        otherProduct === stated
          ? `; read in ${suspect.other.unit} it would match`
          : `; read in ${suspect.other.unit} it would be ${show(
              Number(otherProduct),
              suspect.other.unit,
              context,
            )}, still ${show(Number(otherProduct - stated), 'units', context)} off`;
    }
    issues.add(
      planIssue(
        'district_subtotal_mismatch',
        'maxAmount',
        `${draft.line.name}: ${districts.count} × "${draft.amount.raw}" is ${show(
          Number(product),
          draft.amount.unit,
          context,
        )}, but "${districts.raw}" states ${show(Number(stated), draft.subtotal.unit, context)}${alternative}`,
        {
          territory: draft.line.name,
          raw: `${draft.line.raw} ${districts.raw}`,
          expected: Number(stated),
          actual: Number(product),
          difference: Number(product - stated),
          interpretations,
        },
      ),
    );
  }
}

export interface AmountOutcome {
  territories: ParsedTerritory[];
  maxAmount: number | null;
  statedTotal: ParsedAmount | null;
}

export function checkAmounts(
  cell: string,
  amounts: AmountDraft,
  fileMedian: bigint | null,
  territoryText: string | null,
  context: Context,
  issues: RowIssues,
): AmountOutcome {
  const { reading } = amounts;
  const territories: ParsedTerritory[] = [];
  let complete = true;

  // Currency words that are not the programme's.
  const currencies = new Set(
    [
      ...reading.lines.flatMap((line) =>
        line.districts ? [line.figure, line.districts.subtotal] : [line.figure],
      ),
      ...reading.bare,
      ...reading.totals,
    ]
      .map((figure) => figure.writtenCurrency)
      .filter((currency): currency is string => currency !== null && currency !== context.currency),
  );
  for (const currency of currencies) {
    issues.add(
      planIssue(
        'currency_mismatch',
        'maxAmount',
        `the amounts are written in ${currency}, the programme is in ${context.currency}`,
        { raw: oneLine(cell), expected: context.currency, actual: currency },
      ),
    );
  }

  for (const fragment of [...reading.unparsed, ...reading.orphanDistricts]) {
    complete = false;
    issues.add(
      planIssue(
        'amount_unparsed',
        'maxAmount',
        `cannot read "${fragment}" as a territory and an amount`,
        {
          raw: fragment,
        },
      ),
    );
  }

  const suspects = checkUnits(amounts, fileMedian, context, issues);
  checkDistricts(amounts.lines, suspects, context, issues);

  for (const draft of amounts.lines) {
    const code = recogniseTerritory(draft.line.name);
    if (code === null) {
      issues.add(
        planIssue(
          'territory_unrecognised',
          'maxAmount',
          `"${draft.line.name}" is not a territory this importer knows; it is kept as written`,
          { territory: draft.line.name, raw: draft.line.raw },
        ),
      );
    }
    const maxAmount = draft.line.districts ? draft.subtotal : draft.amount;
    if (!draft.amount || !maxAmount) {
      complete = false;
      continue;
    }
    territories.push({
      name: draft.line.name,
      code,
      maxAmount: maxAmount.minor,
      amount: draft.amount,
      ...(draft.line.districts && draft.subtotal
        ? {
            districts: {
              count: draft.line.districts.count,
              perDistrict: draft.amount,
              subtotal: draft.subtotal,
            },
          }
        : {}),
    });
  }

  const byCode = new Map<string, string[]>();
  for (const territory of territories) {
    if (territory.code)
      byCode.set(territory.code, [...(byCode.get(territory.code) ?? []), territory.name]);
  }
  for (const [code, names] of byCode) {
    if (names.length < 2) continue;
    issues.add(
      planIssue(
        'duplicate_territory',
        'maxAmount',
        `${territoryLabel(code)} has ${names.length} amounts (${names.map((name) => `"${name}"`).join(', ')}): which one is its maximum is not chosen`,
        { territory: names[0], raw: names.join('; ') },
      ),
    );
  }

  // The lot's maximum: the sum of its territories, or the one figure of a cell without any.
  let maxAmount: number | null = null;
  if (amounts.lines.length > 0) {
    // (Figures without a territory next to territory lines are among the unparsed fragments.)
    maxAmount = complete ? sumMinor(territories.map((territory) => territory.maxAmount)) : null;
  } else if (amounts.bare.length === 1 && amounts.bare[0] && complete) {
    maxAmount = amounts.bare[0].minor;
  } else if (amounts.bare.length > 1) {
    issues.add(
      planIssue(
        'amount_unparsed',
        'maxAmount',
        `${amounts.bare.length} amounts without territories: which one is the lot's maximum is not chosen`,
        { raw: reading.bare.map((figure) => figure.raw).join('; ') },
      ),
    );
  } else if (reading.totals.length === 1 && amounts.totals[0] && complete) {
    // Only "(Всего 500,0)": the lot's maximum is stated once, with no territories to add up.
    maxAmount = amounts.totals[0].minor;
  } else if (reading.totals.length === 0 && reading.unparsed.length === 0) {
    issues.add(planIssue('amount_missing', 'maxAmount', 'no amount is given', { raw: cell }));
  }

  // The stated total against the sum.
  const stated = amounts.totals.filter((total): total is ParsedAmount => total !== null);
  const distinct = [...new Set(stated.map((total) => total.minor))];
  let statedTotal: ParsedAmount | null = stated[0] ?? null;
  if (reading.totals.length === 0) {
    if (amounts.lines.length > 1) {
      issues.add(
        planIssue(
          'stated_total_missing',
          'maxAmount',
          'no "(Всего …)" total is stated; the sum of the territories could not be checked',
        ),
      );
    }
  } else if (distinct.length > 1) {
    statedTotal = null;
    issues.add(
      planIssue(
        'stated_total_ambiguous',
        'maxAmount',
        `${distinct.length} different totals are stated: ${stated.map((total) => `"${total.raw}"`).join(', ')}`,
        { raw: stated.map((total) => total.raw).join('; ') },
      ),
    );
  } else if (statedTotal && maxAmount !== null && statedTotal.minor !== maxAmount) {
    const difference = maxAmount - statedTotal.minor;
    const interpretations: AmountInterpretation[] = [];
    // A figure in doubt counted as such: would the other reading add up?
    const direct = suspects.filter((suspect) => !suspect.draft?.line.districts);
    let alternative = '';
    if (direct.length === 1) {
      const [suspect] = direct;
      const otherSum = maxAmount - suspect.amount.minor + suspect.other.minor;
      interpretations.push(
        { unit: suspect.amount.unit, asWritten: true, minor: maxAmount, difference },
        {
          unit: suspect.other.unit,
          asWritten: false,
          minor: otherSum,
          difference: otherSum - statedTotal.minor,
        },
      );
      alternative =
        otherSum === statedTotal.minor
          ? `; with "${suspect.amount.raw}" read in ${suspect.other.unit} it would match`
          : `; with "${suspect.amount.raw}" read in ${suspect.other.unit} it would still be ${show(
              otherSum - statedTotal.minor,
              'units',
              context,
            )} off`;
    }
    issues.add(
      planIssue(
        'stated_total_mismatch',
        'maxAmount',
        `the stated total "${statedTotal.raw}" is ${show(statedTotal.minor, statedTotal.unit, context)} but ${
          territories.length
            ? `the ${territories.length} territories sum to`
            : 'the amount given is'
        } ${show(maxAmount, statedTotal.unit, context)}: a difference of ${show(
          difference,
          'units',
          context,
        )}${alternative}. Neither figure is taken as the lot's maximum: correct the plan and import again.`,
        {
          raw: statedTotal.raw,
          expected: statedTotal.minor,
          actual: maxAmount,
          difference,
          ...(interpretations.length ? { interpretations } : {}),
        },
      ),
    );
  }

  // The territory column against the territories that have amounts.
  if (territoryText && territories.length > 0) {
    const mention = readTerritoryText(territoryText);
    const withAmount = new Set(
      territories.map((territory) => territory.code).filter((code) => code !== null),
    );
    if (!mention.wholeCountry) {
      for (const code of mention.codes) {
        if (withAmount.has(code)) continue;
        issues.add(
          planIssue(
            'territory_without_amount',
            'territory',
            `the territory column names ${territoryLabel(code)} but the amounts give it none`,
            { raw: oneLine(territoryText), expected: code },
          ),
        );
      }
      if (mention.codes.size > 0) {
        for (const territory of territories) {
          if (!territory.code || mention.codes.has(territory.code)) continue;
          issues.add(
            planIssue(
              'territory_not_listed',
              'territory',
              `"${territory.name}" has an amount but the territory column does not name it`,
              { territory: territory.name, raw: oneLine(territoryText), actual: territory.code },
            ),
          );
        }
      }
    }
    if (mention.oblastCount !== null) {
      const oblasts = [...withAmount].filter((code) => !isCity(code)).length;
      if (oblasts !== mention.oblastCount) {
        issues.add(
          planIssue(
            'territory_count_mismatch',
            'territory',
            `the territory column says ${mention.oblastCount} oblasts, the amounts give ${oblasts}`,
            { raw: oneLine(territoryText), expected: mention.oblastCount, actual: oblasts },
          ),
        );
      }
    }
  }

  return { territories, maxAmount, statedTotal };
}
