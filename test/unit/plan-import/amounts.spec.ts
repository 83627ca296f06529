import { describe, expect, it } from '@jest/globals';
import { readAmountCell } from '../../../src/programmes/plan-import/amounts.js';
import { formatAmount, minorDigitsOf } from '../../../src/common/money.js';
import {
  parseDecimalDigits,
  sumMinor,
  toMinorUnits,
} from '../../../src/programmes/plan-import/money.js';

const minor = (text: string, unit: 'units' | 'thousands' | 'millions' = 'thousands') => {
  const digits = parseDecimalDigits(text);
  if (!digits) throw new Error(`not a number: ${text}`);
  return toMinorUnits(digits, unit, 2);
};

describe('Russian number formats', () => {
  it.each([
    ['1 333,0', '1333', '0'],
    ['1\u00A0204,2', '1204', '2'], // no-break space, as in the seed
    ['1\u2009179,6', '1179', '6'], // thin space
    ['1\u202F191,5', '1191', '5'], // narrow no-break space
    ['8475,7', '8475', '7'],
    ['481 692', '481692', ''],
    ['424.6', '424', '6'],
    ['3 309,6', '3309', '6'],
  ])('reads %j', (text, integer, fraction) => {
    expect(parseDecimalDigits(text)).toEqual({ integer, fraction });
  });

  it.each(['', 'abc', '1,2,3', '1 333,0 тыс', '-5', '1e3'])('refuses %j', (text) => {
    expect(parseDecimalDigits(text)).toBeNull();
  });
});

describe('exact conversion to minor units (tyiyn)', () => {
  it('1 333,0 thousand som is 133,300,000 tyiyn', () => {
    expect(minor('1 333,0')).toEqual({ ok: true, minor: 133_300_000 });
  });

  it('8475,7 thousand som is 847,570,000 tyiyn', () => {
    expect(minor('8475,7')).toEqual({ ok: true, minor: 847_570_000 });
  });

  it('481 692 read in som is 48,169,200 tyiyn; read in thousands 48,169,200,000', () => {
    expect(minor('481 692', 'units')).toEqual({ ok: true, minor: 48_169_200 });
    expect(minor('481 692', 'thousands')).toEqual({ ok: true, minor: 48_169_200_000 });
  });

  it('millions and digits below the minor unit that are zeros', () => {
    expect(minor('2,5', 'millions')).toEqual({ ok: true, minor: 250_000_000 });
    expect(minor('1,23456')).toEqual({ ok: true, minor: 123_456 });
    expect(minor('12,3400', 'units')).toEqual({ ok: true, minor: 1_234 });
  });

  it('refuses, never rounds, a figure finer than a tyiyn', () => {
    expect(minor('1,234567')).toEqual({ ok: false, reason: 'precision' });
    expect(minor('0,001', 'units')).toEqual({ ok: false, reason: 'precision' });
  });

  it('refuses a figure beyond the exact range of a number', () => {
    expect(minor('999 999 999 999 999')).toEqual({ ok: false, reason: 'range' });
  });

  it('adds without floating point error', () => {
    const tenth = minor('0,1');
    const fifth = minor('0,2');
    if (!tenth.ok || !fifth.ok) throw new Error('unreadable');
    expect(sumMinor([tenth.minor, fifth.minor])).toBe(30_000);
    expect(sumMinor([Number.MAX_SAFE_INTEGER, 1])).toBeNull();
  });

  it('takes the minor unit from the currency', () => {
    expect(minorDigitsOf('KGS')).toBe(2);
    expect(minorDigitsOf('UAH')).toBe(2);
    expect(() => minorDigitsOf('som')).toThrow(RangeError);
  });

  it('formats exactly for messages', () => {
    expect(formatAmount(847_570_000, 'thousands', 2, 'KGS')).toBe('8,475.7 thousand KGS');
    expect(formatAmount(-10_000, 'units', 2, 'KGS')).toBe('−100 KGS');
    expect(formatAmount(18_455, 'units', 2, 'KGS')).toBe('184.55 KGS');
    expect(formatAmount(48_169_200_000, 'thousands', 2, 'KGS')).toBe('481,692.0 thousand KGS');
  });
});

describe('reading an amount cell', () => {
  const names = (cell: string) =>
    readAmountCell(cell).lines.map((line) => [line.name, line.figure.raw]);

  it('lot 1.1: dashes of every kind, units on some lines, a line broken before its figure', () => {
    const cell =
      '- Ошская обл.-         1 333,0 тыс. сом;\n-Джалал-Абад. обл.- 1 336,9;\n- Баткенская обл. – 1\u00A0204,2;\n' +
      '- Иссык-Кул. обл. -1 107,5;\n- Чуйская обл. –\n 1 179,6;\n(Всего-8475,7 тыс. сом)';
    const reading = readAmountCell(cell);
    expect(names(cell)).toEqual([
      ['Ошская обл.', '1 333,0 тыс. сом'],
      ['Джалал-Абад. обл.', '1 336,9'],
      ['Баткенская обл.', '1 204,2'],
      ['Иссык-Кул. обл.', '1 107,5'],
      ['Чуйская обл.', '1 179,6'],
    ]);
    expect(reading.lines.map((line) => line.figure.writtenUnit)).toEqual([
      'thousands',
      null,
      null,
      null,
      null,
    ]);
    expect(reading.totals.map((total) => total.raw)).toEqual(['8475,7 тыс. сом']);
    expect(reading.unparsed).toEqual([]);
  });

  it('lot 2.7: several territories on one line, ";," and "и", "- –" and "-–"', () => {
    const cell =
      'Чуйская – 307,4 тыс. сом; Таласская – 307,4 тыс. сом;\nНарынская - – 307,4 тыс. сом;\n' +
      'Иссык-Кульская – 307,4 тыс. сом;, Баткенская – 307,4 тыс. сом; Ошская – 307,4 тыс. сом; и Джала-Абадская обл. -– 307,6 тыс. сом.\n' +
      '(всего 2152,0 тыс. сомов)';
    expect(names(cell).map(([name]) => name)).toEqual([
      'Чуйская',
      'Таласская',
      'Нарынская',
      'Иссык-Кульская',
      'Баткенская',
      'Ошская',
      'Джала-Абадская обл.',
    ]);
    expect(readAmountCell(cell).totals[0].raw).toBe('2152,0 тыс. сомов');
    expect(readAmountCell(cell).unparsed).toEqual([]);
  });

  it('lot 2.1: per-district figures with their "(2 р-на – …)" subtotals', () => {
    const cell =
      '· Иссык-Кул. обл.-  443,0\n (2 р-на – 886,0  тыс. сом);\n· Джалал-Абад. обл.-534,7;\n' +
      '· Баткенская обл.-  481 692\n(2 р-на – 963,2 тыс. сом)\n(Всего 3 309,6 тыс. сом) ';
    const reading = readAmountCell(cell);
    expect(
      reading.lines.map((line) => [
        line.name,
        line.figure.raw,
        line.districts?.count,
        line.districts?.subtotal.raw,
      ]),
    ).toEqual([
      ['Иссык-Кул. обл.', '443,0', 2, '886,0 тыс. сом'],
      ['Джалал-Абад. обл.', '534,7', undefined, undefined],
      ['Баткенская обл.', '481 692', 2, '963,2 тыс. сом'],
    ]);
    expect(reading.totals[0].raw).toBe('3 309,6 тыс. сом');
    expect(reading.unparsed).toEqual([]);
  });

  it('units: "тыс;", "тыс.сом", "сомов.", "сом", "млн"', () => {
    const reading = readAmountCell(
      'Джалал-Абадская обл – 775,7 тыс;\nТаласская обл. – 122,9 тыс.сом;\nОшская – 5 сом; Чуйская – 1,5 млн сом',
    );
    expect(
      reading.lines.map((line) => [
        line.figure.raw,
        line.figure.writtenUnit,
        line.figure.writtenCurrency,
      ]),
    ).toEqual([
      ['775,7 тыс', 'thousands', null],
      ['122,9 тыс.сом', 'thousands', 'KGS'],
      ['5 сом', 'units', 'KGS'],
      ['1,5 млн сом', 'millions', 'KGS'],
    ]);
  });

  it('a line without a dash, a colon for a dash', () => {
    expect(names('Ошская обл. 1 333,0 тыс. сом; Чуйская обл.: 100,5')).toEqual([
      ['Ошская обл.', '1 333,0 тыс. сом'],
      ['Чуйская обл.', '100,5'],
    ]);
  });

  it('a figure without a territory is bare; words without a figure are unparsed', () => {
    expect(readAmountCell('500,0 тыс. сом').bare.map((figure) => figure.raw)).toEqual([
      '500,0 тыс. сом',
    ]);
    expect(readAmountCell('Ошская обл. – много денег').unparsed).toEqual([
      'Ошская обл. – много денег',
    ]);
    expect(readAmountCell('Ошская обл. – 1 33x,0').unparsed).not.toEqual([]);
  });

  it('a district subtotal that follows no territory is not attached to anything', () => {
    expect(readAmountCell('(2 р-на – 886,0 тыс. сом)').orphanDistricts).toEqual([
      '(2 р-на – 886,0 тыс. сом)',
    ]);
  });
});
