import type { LocaleCatalogue } from './catalogue.js';

const lot = 'Лот {lotNumber} «{lotTheme}»';

export const ru: LocaleCatalogue = {
  dateLocale: 'ru-RU',
  events: {
    'lot.hearingAnnounced': {
      title: 'Объявлены общественные слушания — лот {lotNumber}',
      body: `${lot}: проект вынесен на общественные слушания, открыта регистрация участников.`,
    },
    'lot.hearingRegistrationClosed': {
      title: 'Регистрация на слушания завершена — лот {lotNumber}',
      body: `${lot}: регистрация на общественные слушания завершена, начинается обсуждение.`,
    },
    'lot.draftReturnedForRevision': {
      title: 'Проект возвращён на доработку — лот {lotNumber}',
      body: `${lot}: по итогам слушаний проект возвращён на доработку.`,
    },
    'lot.callOpened': {
      title: 'Объявлен конкурс — лот {lotNumber}',
      body: `${lot}: открыт приём заявок до {dueAt}.`,
    },
    'lot.callAmended': {
      title: 'Изменены условия конкурса — лот {lotNumber}',
      body: `${lot}: в объявление о конкурсе внесены изменения; заявки принимаются до {dueAt}.`,
    },
    'lot.callClosed': {
      title: 'Приём заявок завершён — лот {lotNumber}',
      body: `${lot}: приём заявок завершён, начинается проверка заявок на соответствие.`,
    },
    'lot.admissibilityOverdue': {
      title: 'Просрочена проверка заявок — лот {lotNumber}',
      body: `${lot}: срок проверки заявок на соответствие истёк.`,
    },
    'lot.scoringOpened': {
      title: 'Начата оценка заявок — лот {lotNumber}',
      body: `${lot}: члены комиссии могут оценивать заявки; сначала заявите об отсутствии конфликта интересов.`,
    },
    'lot.meetingConvened': {
      title: 'Заседание комиссии — лот {lotNumber}',
      body: `${lot}: оценка завершена, комиссия собирается для ранжирования заявок.`,
    },
    'lot.secondRoundOpened': {
      title: 'Второй тур — лот {lotNumber}',
      body: `${lot}: конкурс перешёл во второй тур оценки.`,
    },
    'lot.winnerDeclined': {
      title: 'Победитель отказался — лот {lotNumber}',
      body: `${lot}: победитель отказался, решение переходит к следующему участнику рейтинга.`,
    },
    'lot.awarded': {
      title: 'Решение о победителе — лот {lotNumber}',
      body: `${lot}: опубликовано решение о победителе; в период ожидания можно подать жалобу.`,
    },
    'lot.awardHeldByComplaints': {
      title: 'Решение приостановлено жалобами — лот {lotNumber}',
      body: `${lot}: период ожидания истёк, но до рассмотрения жалоб договор не заключается.`,
    },
    'lot.awardAnnulled': {
      title: 'Решение отменено — лот {lotNumber}',
      body: `${lot}: решение о победителе отменено, комиссия рассмотрит заявки повторно.`,
    },
    'lot.contractingOpened': {
      title: 'Подготовка договора — лот {lotNumber}',
      body: `${lot}: решение вступило в силу, можно готовить и подписывать договор.`,
    },
    'lot.agreementSigned': {
      title: 'Договор подписан — лот {lotNumber}',
      body: `${lot}: договор подписан, начинается исполнение и отчётность.`,
    },
    'lot.closed': {
      title: 'Лот закрыт — {lotNumber}',
      body: `${lot}: итоговый отчёт принят, лот закрыт.`,
    },
    'lot.agreementTerminated': {
      title: 'Договор расторгнут — лот {lotNumber}',
      body: `${lot}: договор расторгнут досрочно.`,
    },
    'lot.reportOverdue': {
      title: 'Просрочен отчёт — лот {lotNumber}',
      body: `${lot}: отчёт по договору не представлен в срок.`,
    },
    'lot.unsuccessful': {
      title: 'Конкурс не состоялся — лот {lotNumber}',
      body: `${lot}: конкурс завершён без определения победителя.`,
    },
    'lot.cancelled': {
      title: 'Лот отменён — {lotNumber}',
      body: `${lot}: заказчик отменил лот.`,
    },
    'application.rejected': {
      title: 'Заявка не допущена — лот {lotNumber}',
      body: `${lot}: ваша заявка не допущена к оценке. Причина: {reason}`,
    },
  },
  reminder: {
    title: 'Напоминание: {deadline} — лот {lotNumber}',
    body: `${lot}: срок «{deadline}» истекает {dueAt}.`,
  },
  deadlines: {
    hearingRegistration: 'регистрация на слушания',
    callClose: 'приём заявок',
    admissibility: 'проверка заявок',
    scoring: 'оценка заявок',
    secondRoundScoring: 'оценка во втором туре',
    standstill: 'период ожидания (обжалования)',
    report: 'представление отчёта',
  },
  generic: {
    title: 'Событие по лоту {lotNumber}',
    body: `${lot}: {event}.`,
  },
};
