import type { LocaleCatalogue } from './catalogue.js';

const lot = 'Лот {lotNumber} «{lotTheme}»';

export const uk: LocaleCatalogue = {
  dateLocale: 'uk-UA',
  events: {
    'lot.hearingAnnounced': {
      title: 'Оголошено громадське обговорення — лот {lotNumber}',
      body: `${lot}: проєкт винесено на громадське обговорення, відкрито реєстрацію учасників.`,
    },
    'lot.hearingRegistrationClosed': {
      title: 'Реєстрацію на обговорення завершено — лот {lotNumber}',
      body: `${lot}: реєстрацію на громадське обговорення завершено, починається обговорення.`,
    },
    'lot.draftReturnedForRevision': {
      title: 'Проєкт повернуто на доопрацювання — лот {lotNumber}',
      body: `${lot}: за підсумками обговорення проєкт повернуто на доопрацювання.`,
    },
    'lot.callOpened': {
      title: 'Оголошено конкурс — лот {lotNumber}',
      body: `${lot}: розпочато приймання конкурсних пропозицій до {dueAt}.`,
    },
    'lot.callAmended': {
      title: 'Змінено умови конкурсу — лот {lotNumber}',
      body: `${lot}: до оголошення про конкурс внесено зміни; пропозиції приймаються до {dueAt}.`,
    },
    'lot.callClosed': {
      title: 'Приймання пропозицій завершено — лот {lotNumber}',
      body: `${lot}: приймання пропозицій завершено, починається перевірка на відповідність.`,
    },
    'lot.admissibilityOverdue': {
      title: 'Прострочено перевірку пропозицій — лот {lotNumber}',
      body: `${lot}: строк перевірки пропозицій на відповідність минув.`,
    },
    'lot.scoringOpened': {
      title: 'Розпочато оцінювання — лот {lotNumber}',
      body: `${lot}: члени комісії можуть оцінювати пропозиції; спершу задекларуйте відсутність конфлікту інтересів.`,
    },
    'lot.meetingConvened': {
      title: 'Засідання комісії — лот {lotNumber}',
      body: `${lot}: оцінювання завершено, комісія збирається для ранжування пропозицій.`,
    },
    'lot.secondRoundOpened': {
      title: 'Другий тур — лот {lotNumber}',
      body: `${lot}: конкурс перейшов до другого туру оцінювання.`,
    },
    'lot.winnerDeclined': {
      title: 'Переможець відмовився — лот {lotNumber}',
      body: `${lot}: переможець відмовився, рішення переходить до наступного учасника рейтингу.`,
    },
    'lot.awarded': {
      title: 'Рішення про переможця — лот {lotNumber}',
      body: `${lot}: оприлюднено рішення про переможця; протягом періоду очікування можна подати скаргу.`,
    },
    'lot.awardHeldByComplaints': {
      title: 'Рішення призупинено скаргами — лот {lotNumber}',
      body: `${lot}: період очікування минув, але договір не укладається до розгляду скарг.`,
    },
    'lot.awardAnnulled': {
      title: 'Рішення скасовано — лот {lotNumber}',
      body: `${lot}: рішення про переможця скасовано, комісія повторно розгляне пропозиції.`,
    },
    'lot.contractingOpened': {
      title: 'Підготовка договору — лот {lotNumber}',
      body: `${lot}: рішення набрало чинності, можна готувати й підписувати договір.`,
    },
    'lot.agreementSigned': {
      title: 'Договір підписано — лот {lotNumber}',
      body: `${lot}: договір підписано, починається виконання та звітування.`,
    },
    'lot.closed': {
      title: 'Лот закрито — {lotNumber}',
      body: `${lot}: підсумковий звіт прийнято, лот закрито.`,
    },
    'lot.agreementTerminated': {
      title: 'Договір розірвано — лот {lotNumber}',
      body: `${lot}: договір розірвано достроково.`,
    },
    'lot.reportOverdue': {
      title: 'Прострочено звіт — лот {lotNumber}',
      body: `${lot}: звіт за договором не подано у строк.`,
    },
    'lot.unsuccessful': {
      title: 'Конкурс не відбувся — лот {lotNumber}',
      body: `${lot}: конкурс завершено без визначення переможця.`,
    },
    'lot.cancelled': {
      title: 'Лот скасовано — {lotNumber}',
      body: `${lot}: замовник скасував лот.`,
    },
    'application.rejected': {
      title: 'Заявку не допущено — лот {lotNumber}',
      body: `${lot}: вашу заявку не допущено до оцінювання. Причина: {reason}`,
    },
  },
  reminder: {
    title: 'Нагадування: {deadline} — лот {lotNumber}',
    body: `${lot}: строк «{deadline}» спливає {dueAt}.`,
  },
  deadlines: {
    hearingRegistration: 'реєстрація на обговорення',
    callClose: 'приймання пропозицій',
    admissibility: 'перевірка пропозицій',
    scoring: 'оцінювання пропозицій',
    secondRoundScoring: 'оцінювання у другому турі',
    standstill: 'період очікування (оскарження)',
    report: 'подання звіту',
  },
  generic: {
    title: 'Подія за лотом {lotNumber}',
    body: `${lot}: {event}.`,
  },
};
