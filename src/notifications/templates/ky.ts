import type { LocaleCatalogue } from './catalogue.js';

const lot = 'Лот {lotNumber} «{lotTheme}»';

export const ky: LocaleCatalogue = {
  dateLocale: 'ky-KG',
  events: {
    'lot.hearingAnnounced': {
      title: 'Коомдук угуу жарыяланды — лот {lotNumber}',
      body: `${lot}: долбоор коомдук угууга коюлду, катышуучуларды каттоо ачык.`,
    },
    'lot.hearingRegistrationClosed': {
      title: 'Угууга каттоо аяктады — лот {lotNumber}',
      body: `${lot}: коомдук угууга каттоо аяктады, талкуу башталат.`,
    },
    'lot.draftReturnedForRevision': {
      title: 'Долбоор кайра иштеп чыгууга кайтарылды — лот {lotNumber}',
      body: `${lot}: угуунун жыйынтыгы боюнча долбоор кайра иштеп чыгууга кайтарылды.`,
    },
    'lot.callOpened': {
      title: 'Сынак жарыяланды — лот {lotNumber}',
      body: `${lot}: табыштамаларды кабыл алуу ачылды; мөөнөтү — {dueAt}.`,
    },
    'lot.callAmended': {
      title: 'Сынактын шарттары өзгөртүлдү — лот {lotNumber}',
      body: `${lot}: сынак тууралуу жарыяга өзгөртүүлөр киргизилди; табыштамаларды кабыл алуунун жаңы мөөнөтү — {dueAt}.`,
    },
    'lot.callClosed': {
      title: 'Табыштамаларды кабыл алуу аяктады — лот {lotNumber}',
      body: `${lot}: табыштамаларды кабыл алуу аяктады, алардын талаптарга шайкештигин текшерүү башталат.`,
    },
    'lot.admissibilityOverdue': {
      title: 'Табыштамаларды текшерүү мөөнөтү өттү — лот {lotNumber}',
      body: `${lot}: табыштамалардын талаптарга шайкештигин текшерүү мөөнөтү өтүп кетти.`,
    },
    'lot.scoringOpened': {
      title: 'Табыштамаларды баалоо башталды — лот {lotNumber}',
      body: `${lot}: комиссиянын мүчөлөрү табыштамаларды баалай алышат; адегенде кызыкчылыктардын кагылышуусу жок экенин билдириңиз.`,
    },
    'lot.meetingConvened': {
      title: 'Комиссиянын отуруму — лот {lotNumber}',
      body: `${lot}: баалоо аяктады, комиссия табыштамаларды рейтинг боюнча иреттөө үчүн чогулат.`,
    },
    'lot.secondRoundOpened': {
      title: 'Экинчи тур — лот {lotNumber}',
      body: `${lot}: сынак баалоонун экинчи турына өттү.`,
    },
    'lot.winnerDeclined': {
      title: 'Жеңүүчү баш тартты — лот {lotNumber}',
      body: `${lot}: жеңүүчү баш тартты, чечим рейтингдеги кийинки катышуучуга өтөт.`,
    },
    'lot.awarded': {
      title: 'Жеңүүчү тууралуу чечим — лот {lotNumber}',
      body: `${lot}: жеңүүчү тууралуу чечим жарыяланды; күтүү мезгилинде даттануу берүүгө болот.`,
    },
    'lot.awardHeldByComplaints': {
      title: 'Чечим даттануулардан улам токтотулду — лот {lotNumber}',
      body: `${lot}: күтүү мезгили бүттү, бирок даттануулар каралмайынча келишим түзүлбөйт.`,
    },
    'lot.awardAnnulled': {
      title: 'Чечим жокко чыгарылды — лот {lotNumber}',
      body: `${lot}: жеңүүчү тууралуу чечим жокко чыгарылды, комиссия табыштамаларды кайра карайт.`,
    },
    'lot.contractingOpened': {
      title: 'Келишимди даярдоо — лот {lotNumber}',
      body: `${lot}: чечим күчүнө кирди, келишимди даярдап, ага кол коюуга болот.`,
    },
    'lot.agreementSigned': {
      title: 'Келишимге кол коюлду — лот {lotNumber}',
      body: `${lot}: келишимге кол коюлду, аткаруу жана отчет берүү башталат.`,
    },
    'lot.closed': {
      title: 'Лот жабылды — {lotNumber}',
      body: `${lot}: жыйынтыктоочу отчет кабыл алынды, лот жабылды.`,
    },
    'lot.agreementTerminated': {
      title: 'Келишим бузулду — лот {lotNumber}',
      body: `${lot}: келишим мөөнөтүнөн мурда бузулду.`,
    },
    'lot.reportOverdue': {
      title: 'Отчёт мөөнөтүндө берилген жок — лот {lotNumber}',
      body: `${lot}: келишим боюнча отчёт белгиленген мөөнөттө берилген жок.`,
    },
    'lot.unsuccessful': {
      title: 'Сынак өткөн жок — лот {lotNumber}',
      body: `${lot}: сынак жеңүүчү аныкталбастан аяктады.`,
    },
    'lot.cancelled': {
      title: 'Лот жокко чыгарылды — {lotNumber}',
      body: `${lot}: буйрутмачы лотту жокко чыгарды.`,
    },
    'application.rejected': {
      title: 'Арыз жол берилген жок — лот {lotNumber}',
      body: `${lot}: сиздин арызыңыз баалоого жол берилген жок. Себеби: {reason}`,
    },
  },
  reminder: {
    title: 'Эскертүү: {deadline} — лот {lotNumber}',
    body: `${lot}: «{deadline}» мөөнөтү {dueAt} бүтөт.`,
  },
  deadlines: {
    hearingRegistration: 'угууга каттоо',
    callClose: 'табыштамаларды кабыл алуу',
    admissibility: 'табыштамаларды текшерүү',
    scoring: 'табыштамаларды баалоо',
    secondRoundScoring: 'экинчи турдагы баалоо',
    standstill: 'күтүү мезгили (даттануу)',
    report: 'отчёт тапшыруу',
  },
  generic: {
    title: 'Лот {lotNumber} боюнча жаңылык',
    body: `${lot}: {event}.`,
  },
};
