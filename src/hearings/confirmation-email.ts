import type { Locale } from '../auth/user.entity.js';
import type { OutgoingEmail } from '../notifications/email-sender.service.js';
import { formatInstant } from '../notifications/templates/render.js';

interface Wording {
  subject: (lot: string) => string;
  greeting: (name: string) => string;
  registered: (lot: string, theme: string, heldAt: string) => string;
  confirm: string;
  code: string;
  keep: string;
  ignore: string;
}

const WORDING: Readonly<Record<Locale, Wording>> = {
  ru: {
    subject: (lot) => `Подтвердите регистрацию на общественные слушания — лот ${lot}`,
    greeting: (name) => `Здравствуйте, ${name}!`,
    registered: (lot, theme, heldAt) =>
      `Вы зарегистрировались на общественные слушания по лоту ${lot} «${theme}», которые пройдут ${heldAt}.`,
    confirm: 'Чтобы подтвердить регистрацию, откройте ссылку или введите код подтверждения.',
    code: 'Код',
    keep: 'Сохраните этот код: с ним вы сможете оставлять замечания к проекту.',
    ignore: 'Если вы не регистрировались, просто не отвечайте на это письмо.',
  },
  ky: {
    subject: (lot) => `Коомдук угууга каттоону ырастаңыз — лот ${lot}`,
    greeting: (name) => `Саламатсызбы, ${name}!`,
    registered: (lot, theme, heldAt) =>
      `Сиз ${heldAt} боло турган лот ${lot} «${theme}» боюнча коомдук угууга катталдыңыз.`,
    confirm: 'Каттоону ырастоо үчүн шилтемени ачыңыз же ырастоо кодун киргизиңиз.',
    code: 'Код',
    keep: 'Бул кодду сактап коюңуз: аны менен долбоорго сын-пикир калтыра аласыз.',
    ignore: 'Эгер сиз катталбасаңыз, бул катка жооп бербеңиз.',
  },
  kk: {
    subject: (lot) => `Қоғамдық тыңдауға тіркелуді растаңыз — лот ${lot}`,
    greeting: (name) => `Сәлеметсіз бе, ${name}!`,
    registered: (lot, theme, heldAt) =>
      `Сіз ${heldAt} өтетін лот ${lot} «${theme}» бойынша қоғамдық тыңдауға тіркелдіңіз.`,
    confirm: 'Тіркелуді растау үшін сілтемені ашыңыз немесе растау кодын енгізіңіз.',
    code: 'Код',
    keep: 'Бұл кодты сақтаңыз: ол арқылы жобаға ескертулер қалдыра аласыз.',
    ignore: 'Егер сіз тіркелмеген болсаңыз, бұл хатқа жауап бермеңіз.',
  },
  uk: {
    subject: (lot) => `Підтвердіть реєстрацію на громадські слухання — лот ${lot}`,
    greeting: (name) => `Вітаємо, ${name}!`,
    registered: (lot, theme, heldAt) =>
      `Ви зареєструвалися на громадські слухання щодо лоту ${lot} «${theme}», які відбудуться ${heldAt}.`,
    confirm: 'Щоб підтвердити реєстрацію, відкрийте посилання або введіть код підтвердження.',
    code: 'Код',
    keep: 'Збережіть цей код: з ним ви зможете залишати зауваження до проєкту.',
    ignore: 'Якщо ви не реєструвалися, просто не відповідайте на цей лист.',
  },
  en: {
    subject: (lot) => `Confirm your registration for the public hearing — lot ${lot}`,
    greeting: (name) => `Hello ${name},`,
    registered: (lot, theme, heldAt) =>
      `You registered for the public hearing on lot ${lot} “${theme}”, held on ${heldAt}.`,
    confirm: 'To confirm your registration, open the link or enter the confirmation code.',
    code: 'Code',
    keep: 'Keep this code: with it you can comment on the draft.',
    ignore: 'If you did not register, simply do not reply to this email.',
  },
};

export interface ConfirmationRequest {
  to: string;
  locale: Locale;
  name: string;
  lot: { number: string; theme: string };
  heldAt: Date;
  timeZone: string;
  token: string;
  /** PUBLIC_BASE_URL, when set: the email carries a link as well as the code. */
  publicBaseUrl?: string;
}

/** The email that carries a registrant's confirmation token, in the language they chose. */
export function confirmationEmail(request: ConfirmationRequest): OutgoingEmail {
  const words = WORDING[request.locale];
  const base = request.publicBaseUrl?.replace(/\/+$/, '');
  const link = base
    ? `${base}/hearing-registrations/confirm?token=${encodeURIComponent(request.token)}\n`
    : '';
  const heldAt = formatInstant(request.heldAt, request.locale, request.timeZone);
  return {
    to: request.to,
    subject: words.subject(request.lot.number),
    text: [
      words.greeting(request.name),
      words.registered(request.lot.number, request.lot.theme, heldAt),
      `${words.confirm}\n${link}${words.code}: ${request.token}`,
      words.keep,
      words.ignore,
    ].join('\n\n'),
  };
}
