import type { LocaleCatalogue } from './catalogue.js';

const lot = 'Лот {lotNumber} «{lotTheme}»';

export const kk: LocaleCatalogue = {
  dateLocale: 'kk-KZ',
  events: {
    'lot.hearingAnnounced': {
      title: 'Қоғамдық тыңдау жарияланды — лот {lotNumber}',
      body: `${lot}: жоба қоғамдық тыңдауға шығарылды, қатысушыларды тіркеу ашық.`,
    },
    'lot.hearingRegistrationClosed': {
      title: 'Тыңдауға тіркеу аяқталды — лот {lotNumber}',
      body: `${lot}: қоғамдық тыңдауға тіркеу аяқталды, талқылау басталады.`,
    },
    'lot.draftReturnedForRevision': {
      title: 'Жоба пысықтауға қайтарылды — лот {lotNumber}',
      body: `${lot}: тыңдау қорытындысы бойынша жоба пысықтауға қайтарылды.`,
    },
    'lot.callOpened': {
      title: 'Конкурс жарияланды — лот {lotNumber}',
      body: `${lot}: өтінімдерді қабылдау ашылды; мерзімі — {dueAt}.`,
    },
    'lot.callAmended': {
      title: 'Конкурс шарттары өзгертілді — лот {lotNumber}',
      body: `${lot}: конкурс туралы хабарландыруға өзгерістер енгізілді; өтінім қабылдаудың жаңа мерзімі — {dueAt}.`,
    },
    'lot.callClosed': {
      title: 'Өтінімдерді қабылдау аяқталды — лот {lotNumber}',
      body: `${lot}: өтінімдерді қабылдау аяқталды, өтінімдердің сәйкестігін тексеру басталады.`,
    },
    'lot.admissibilityOverdue': {
      title: 'Өтінімдерді тексеру мерзімі өтті — лот {lotNumber}',
      body: `${lot}: өтінімдердің сәйкестігін тексеру мерзімі өтіп кетті.`,
    },
    'lot.scoringOpened': {
      title: 'Өтінімдерді бағалау басталды — лот {lotNumber}',
      body: `${lot}: комиссия мүшелері өтінімдерді бағалай алады; алдымен мүдделер қақтығысының жоқтығын мәлімдеңіз.`,
    },
    'lot.meetingConvened': {
      title: 'Комиссия отырысы — лот {lotNumber}',
      body: `${lot}: бағалау аяқталды, комиссия өтінімдерді саралау үшін жиналады.`,
    },
    'lot.secondRoundOpened': {
      title: 'Екінші кезең — лот {lotNumber}',
      body: `${lot}: конкурс бағалаудың екінші кезеңіне өтті.`,
    },
    'lot.winnerDeclined': {
      title: 'Жеңімпаз бас тартты — лот {lotNumber}',
      body: `${lot}: жеңімпаз бас тартты, шешім рейтингтегі келесі қатысушыға өтеді.`,
    },
    'lot.awarded': {
      title: 'Жеңімпаз туралы шешім — лот {lotNumber}',
      body: `${lot}: жеңімпаз туралы шешім жарияланды; күту кезеңінде шағым беруге болады.`,
    },
    'lot.awardHeldByComplaints': {
      title: 'Шешім шағымдарға байланысты тоқтатылды — лот {lotNumber}',
      body: `${lot}: күту кезеңі аяқталды, бірақ шағымдар қаралғанша шарт жасалмайды.`,
    },
    'lot.awardAnnulled': {
      title: 'Шешімнің күші жойылды — лот {lotNumber}',
      body: `${lot}: жеңімпаз туралы шешімнің күші жойылды, комиссия өтінімдерді қайта қарайды.`,
    },
    'lot.contractingOpened': {
      title: 'Шартты дайындау — лот {lotNumber}',
      body: `${lot}: шешім күшіне енді, шартты дайындап, оған қол қоюға болады.`,
    },
    'lot.agreementSigned': {
      title: 'Шартқа қол қойылды — лот {lotNumber}',
      body: `${lot}: шартқа қол қойылды, орындау және есеп беру басталады.`,
    },
    'lot.closed': {
      title: 'Лот жабылды — {lotNumber}',
      body: `${lot}: қорытынды есеп қабылданды, лот жабылды.`,
    },
    'lot.agreementTerminated': {
      title: 'Шарт бұзылды — лот {lotNumber}',
      body: `${lot}: шарт мерзімінен бұрын бұзылды.`,
    },
    'lot.reportOverdue': {
      title: 'Есеп мерзімі өтті — лот {lotNumber}',
      body: `${lot}: шарт бойынша есеп белгіленген мерзімде ұсынылмады.`,
    },
    'lot.unsuccessful': {
      title: 'Конкурс өткізілмеді — лот {lotNumber}',
      body: `${lot}: конкурс жеңімпазды анықтамай аяқталды.`,
    },
    'lot.cancelled': {
      title: 'Лоттың күші жойылды — {lotNumber}',
      body: `${lot}: тапсырыс беруші лоттың күшін жойды.`,
    },
    'application.rejected': {
      title: 'Өтінім жіберілмеді — лот {lotNumber}',
      body: `${lot}: сіздің өтініміңіз бағалауға жіберілмеді. Себебі: {reason}`,
    },
  },
  reminder: {
    title: 'Еске салу: {deadline} — лот {lotNumber}',
    body: `${lot}: «{deadline}» мерзімі {dueAt} аяқталады.`,
  },
  deadlines: {
    hearingRegistration: 'тыңдауға тіркеу',
    callClose: 'өтінімдерді қабылдау',
    admissibility: 'өтінімдерді тексеру',
    scoring: 'өтінімдерді бағалау',
    secondRoundScoring: 'екінші кезеңдегі бағалау',
    standstill: 'күту кезеңі (шағымдану)',
    report: 'есепті ұсыну',
  },
  generic: {
    title: 'Лот {lotNumber} бойынша жаңалық',
    body: `${lot}: {event}.`,
  },
};
