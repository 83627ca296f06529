import { describe, expect, it } from '@jest/globals';
import type { AnyStateNode } from 'xstate';
import { lotMachineFor, PROFILE_IDS, type LotStateMeta } from '../../../workflows/index.js';
import { LOCALES } from '../../../src/auth/user.entity.js';
import {
  NOTIFICATION_NAMES,
  reminderKindOf,
} from '../../../src/notifications/templates/catalogue.js';
import {
  CATALOGUES,
  formatInstant,
  placeholdersOf,
  renderNotification,
  templateOf,
} from '../../../src/notifications/templates/render.js';

/** Every notification name a profile's machine can send: state entries, transitions, reminders. */
function sentNames(node: AnyStateNode, names = new Set<string>()): Set<string> {
  const meta = node.meta as LotStateMeta | undefined;
  for (const spec of meta?.notifications ?? []) names.add(spec.name);
  for (const reminder of meta?.deadline?.reminders ?? []) names.add(reminder.notification.name);
  for (const transition of [...node.transitions.values()].flat()) {
    for (const action of transition.actions) {
      const described = action as { type?: string; params?: { notification?: { name: string } } };
      if (described.type === 'notify' && described.params?.notification) {
        names.add(described.params.notification.name);
      }
    }
  }
  for (const child of Object.values(node.states)) sentNames(child, names);
  return names;
}

const variables = {
  lotNumber: '1.3',
  lotTheme: 'Центр дневного пребывания',
  event: 'lot.example',
  dueAt: '25 ноября 2026 г., 18:00',
  reason: 'Не приложен устав',
};

describe('notification templates', () => {
  const machineNames = new Set(PROFILE_IDS.flatMap((id) => [...sentNames(lotMachineFor(id).root)]));

  it('has a template of its own for every notification the machines send', () => {
    expect(machineNames.size).toBeGreaterThan(15);
    expect([...machineNames].filter((name) => !NOTIFICATION_NAMES.includes(name))).toEqual([]);
  });

  it('renders every template in every locale without a missing or unknown placeholder', () => {
    for (const name of NOTIFICATION_NAMES) {
      for (const locale of LOCALES) {
        const message = renderNotification(name, locale, variables);
        expect({ name, locale, missing: message.missing }).toEqual({ name, locale, missing: [] });
        expect(message).toMatchObject({ locale, generic: false });
        expect(message.title).toContain('1.3');
        expect(message.body).toContain('Центр дневного пребывания');
        expect(`${message.title} ${message.body}`).not.toMatch(/[{}]/);
        if (reminderKindOf(name)) expect(message.body).toContain(variables.dueAt);
      }
    }
  });

  it('uses only the placeholders a template may name', () => {
    const allowed = new Set(['lotNumber', 'lotTheme', 'event', 'dueAt', 'deadline', 'reason']);
    for (const catalogue of Object.values(CATALOGUES)) {
      const texts = [
        ...Object.values(catalogue.events),
        catalogue.reminder,
        catalogue.generic,
      ].flatMap((template) => [template.title, template.body]);
      for (const text of texts) {
        expect(placeholdersOf(text).filter((name) => !allowed.has(name))).toEqual([]);
      }
    }
  });

  it('writes each locale in its own words', () => {
    const titles = LOCALES.map((locale) => renderNotification('lot.callOpened', locale, variables));
    expect(new Set(titles.map((message) => message.title)).size).toBe(LOCALES.length);
    expect(renderNotification('lot.cancelled', 'uk', variables).body).toContain('замовник');
    expect(renderNotification('lot.callCloseReminder', 'en', variables).title).toBe(
      'Reminder: call for applications — lot 1.3',
    );
  });

  it('falls back to the generic wording in the reader’s locale for a name without a template', () => {
    const message = renderNotification('lot.somethingNew', 'kk', {
      ...variables,
      event: 'lot.somethingNew',
    });
    expect(message).toMatchObject({ locale: 'kk', generic: true, missing: [] });
    expect(message.body).toContain('lot.somethingNew');
  });

  it('falls back to Russian for a locale it does not know', () => {
    const chosen = templateOf('lot.awarded', 'xx' as never);
    expect(chosen).toMatchObject({ locale: 'ru', generic: false });
  });

  it('reports a placeholder left without a value instead of printing it', () => {
    const message = renderNotification('lot.scoringReminder', 'ru', {
      lotNumber: '2',
      lotTheme: 'x',
      event: 'lot.scoringReminder',
    });
    expect(message.missing).toEqual(['dueAt']);
    expect(message.body).not.toContain('{');
  });

  it('formats a deadline in the reader’s locale and the lot’s time zone', () => {
    const instant = new Date('2026-11-25T12:00:00Z');
    const english = formatInstant(instant, 'en', 'Asia/Bishkek');
    expect(english).toContain('25 November 2026');
    expect(english).toContain('18:00');
    expect(formatInstant(instant, 'ru', 'Europe/Kyiv')).toContain('14:00');
  });
});
