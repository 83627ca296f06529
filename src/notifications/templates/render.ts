import { LOCALES, type Locale } from '../../auth/user.entity.js';
import { reminderKindOf, type LocaleCatalogue, type MessageTemplate } from './catalogue.js';
import { en } from './en.js';
import { kk } from './kk.js';
import { ky } from './ky.js';
import { ru } from './ru.js';
import { uk } from './uk.js';

export const CATALOGUES: Readonly<Record<Locale, LocaleCatalogue>> = { ru, ky, kk, uk, en };

/** Where a name has no wording in the user's locale: Russian, then English. */
const FALLBACK_LOCALES: readonly Locale[] = ['ru', 'en'];

/** What a template may name; reminders also need `dueAt`. */
export interface TemplateVariables {
  lotNumber: string;
  lotTheme: string;
  /** The notification's name, for the generic template. */
  event: string;
  /** When the reminded deadline falls due, already formatted for the reader. */
  dueAt?: string;
  /** The reason a decision states, e.g. why an application was rejected. */
  reason?: string;
}

export interface RenderedMessage {
  title: string;
  body: string;
  /** The locale actually used (a fallback when the user's had no wording). */
  locale: Locale;
  /** No template of its own: the generic wording was used. */
  generic: boolean;
  /** Placeholders without a value (left empty): a template or caller bug to log. */
  missing: string[];
}

const PLACEHOLDER = /\{(\w+)\}/g;

export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

function fill(
  text: string,
  values: Readonly<Record<string, string | undefined>>,
  missing: Set<string>,
) {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    return value;
  });
}

function ownTemplate(catalogue: LocaleCatalogue, name: string): MessageTemplate | undefined {
  if (Object.hasOwn(catalogue.events, name)) {
    return catalogue.events[name as keyof LocaleCatalogue['events']];
  }
  const kind = reminderKindOf(name);
  if (!kind) return undefined;
  // Only {deadline} is filled here; the other placeholders stay for renderNotification().
  const keep = (text: string) => text.replaceAll('{deadline}', catalogue.deadlines[kind]);
  return { title: keep(catalogue.reminder.title), body: keep(catalogue.reminder.body) };
}

/** The template of a name in a locale, falling back to ru, then en, then the generic one. */
export function templateOf(
  name: string,
  locale: Locale,
): { template: MessageTemplate; locale: Locale; generic: boolean } {
  const wanted: Locale = LOCALES.includes(locale) ? locale : 'ru';
  for (const candidate of [wanted, ...FALLBACK_LOCALES]) {
    const template = ownTemplate(CATALOGUES[candidate], name);
    if (template) return { template, locale: candidate, generic: false };
  }
  return { template: CATALOGUES[wanted].generic, locale: wanted, generic: true };
}

export function renderNotification(
  name: string,
  locale: Locale,
  variables: TemplateVariables,
): RenderedMessage {
  const chosen = templateOf(name, locale);
  const missing = new Set<string>();
  const values = { ...variables } as Record<string, string | undefined>;
  return {
    title: fill(chosen.template.title, values, missing),
    body: fill(chosen.template.body, values, missing),
    locale: chosen.locale,
    generic: chosen.generic,
    missing: [...missing],
  };
}

/** A date as the reader's locale writes it, in the zone the deadline is counted in. */
export function formatInstant(instant: Date, locale: Locale, timeZone: string): string {
  const catalogue = CATALOGUES[locale] ?? CATALOGUES.ru;
  return new Intl.DateTimeFormat(catalogue.dateLocale, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(instant);
}
