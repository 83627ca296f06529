import { describe, expect, it } from '@jest/globals';
import { readDuration } from '../../../src/programmes/plan-import/duration.js';
import { readEligibility } from '../../../src/programmes/plan-import/eligibility.js';
import { extractIndicatorTargets } from '../../../src/programmes/plan-import/indicators.js';
import {
  readTerritoryText,
  recogniseTerritory,
} from '../../../src/programmes/plan-import/territories.js';
import { columnOfHeader } from '../../../src/programmes/plan-import/columns.js';

describe('duration', () => {
  it.each([
    ['12 мес.', 12, false],
    ['До 12 мес.', 12, true],
    ['до 6 мес.', 6, true],
    ['6 месяцев', 6, false],
    ['не более 9 мес', 9, true],
    ['1 год', 12, false],
    ['2 года', 24, false],
    ['12 months', 12, false],
  ])('%j is %d months (up to: %s)', (text, months, upTo) => {
    expect(readDuration(text)).toEqual({ ok: true, duration: { raw: text, months, upTo } });
  });

  it('does not guess', () => {
    expect(readDuration('полгода')).toEqual({ ok: false, reason: 'unparsed' });
    expect(readDuration('12')).toEqual({ ok: false, reason: 'unparsed' });
    expect(readDuration('6-12 мес.')).toEqual({ ok: false, reason: 'unparsed' });
    expect(readDuration('  ')).toEqual({ ok: false, reason: 'missing' });
    expect(readDuration(undefined)).toEqual({ ok: false, reason: 'missing' });
  });
});

describe('eligibility from the executors', () => {
  it('"НКО" is NGOs only', () => {
    expect(readEligibility('НКО')).toEqual({ eligibility: ['ngo'], unrecognised: [] });
    expect(readEligibility('НКО ')).toEqual({ eligibility: ['ngo'], unrecognised: [] });
    expect(readEligibility('некоммерческие организации')).toEqual({
      eligibility: ['ngo'],
      unrecognised: [],
    });
  });

  it('keeps what it does not know apart', () => {
    expect(readEligibility('НКО, ИП')).toEqual({ eligibility: ['ngo'], unrecognised: ['ИП'] });
    expect(readEligibility('ГУ')).toEqual({ eligibility: [], unrecognised: ['ГУ'] });
  });
});

describe('territories', () => {
  it.each([
    ['Ошская обл.', 'KG-O'],
    ['г. Ош', 'KG-GO'],
    ['г. Бишкек', 'KG-GB'],
    ['Джалал-Абад. обл.', 'KG-J'],
    ['Джала-Абадская обл.', 'KG-J'],
    ['Иссык-Кул. обл.', 'KG-Y'],
    ['Иссык-Кул обл.', 'KG-Y'],
    ['Чуйская', 'KG-C'],
    ['Баткенская обл.', 'KG-B'],
    ['Таласская', 'KG-T'],
    ['Нарынская обл.', 'KG-N'],
  ])('%j is %s', (name, code) => {
    expect(recogniseTerritory(name)).toBe(code);
  });

  it('does not recognise what it does not know', () => {
    expect(recogniseTerritory('Марс')).toBeNull();
  });

  it('reads the territory column', () => {
    expect(readTerritoryText('7 областей республики')).toEqual({
      codes: new Set(),
      oblastCount: 7,
      wholeCountry: false,
    });
    expect(readTerritoryText('2-х областей республики').oblastCount).toBe(2);
    expect(readTerritoryText('По республике').wholeCountry).toBe(true);
    expect(
      [...readTerritoryText('Чуйская,  Иссык-Кульская, Ошская, Баткенская области').codes].sort(),
    ).toEqual(['KG-B', 'KG-C', 'KG-O', 'KG-Y']);
    expect([...readTerritoryText('г. Бишкек, г. Ош').codes].sort()).toEqual(['KG-GB', 'KG-GO']);
  });
});

describe('indicator targets', () => {
  const targets = (text: string, field: 'goals' | 'tasks' | 'expectedResults' = 'tasks') =>
    extractIndicatorTargets([{ field, text }]).map((target) => [
      target.target,
      target.unit,
      target.perTerritory,
    ]);

  it('takes a count followed by who is counted', () => {
    expect(
      targets('- предоставление услуг временного пребывания 25 детям, находящимся в ТЖС.'),
    ).toEqual([[25, 'детям', false]]);
    expect(
      targets('-оказание содействия  20 работающим детям  и их социальное сопровождение'),
    ).toEqual([[20, 'работающим детям', false]]);
    expect(targets('По 84 человека в каждом из семи 7 регионов')).toEqual([[84, 'человека', true]]);
  });

  it('leaves ranges, years, territories and months alone', () => {
    expect(targets('15-20 человек в зависимости от плотности населения')).toEqual([]);
    expect(targets('созданных в 2015 -2018 гг.')).toEqual([]);
    expect(targets('Проведение пилот в 2 областях и г. Бишкек')).toEqual([]);
    expect(targets('в течение 12 мес.')).toEqual([]);
  });

  it('keeps the clause as the description', () => {
    const [target] = extractIndicatorTargets([
      { field: 'tasks', text: '- первое;\n- устройство 25 детей в приемные семьи;\n- третье' },
    ]);
    expect(target).toEqual({
      description: 'устройство 25 детей в приемные семьи',
      target: 25,
      unit: 'детей',
      perTerritory: false,
      field: 'tasks',
    });
  });
});

describe('header names', () => {
  it.each([
    ['№', 'number'],
    ['Мероприятия (темы)', 'theme'],
    ['Исполнители ГСЗ', 'executors'],
    ['Получатели социальных услуг', 'recipients'],
    ['Общественно полезные цели ', 'goals'],
    ['Задачи', 'tasks'],
    ['Территория реализации ГСЗ ', 'territory'],
    ['Срок реализации ', 'duration'],
    ['Максимальная сумма \n\nгранта ', 'maxAmount'],
    ['Ожидаемый результат\n', 'expectedResults'],
    ['max_amount', 'maxAmount'],
    ['expected_results', 'expectedResults'],
    ['number', 'number'],
  ])('%j is %s', (header, column) => {
    expect(columnOfHeader(header)).toBe(column);
  });
});
