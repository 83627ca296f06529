import { escapeHtml, paragraphs } from '../common/html.js';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../common/canonical-json.js';
import { formatInstant } from '../notifications/templates/render.js';
import type { HearingDocument } from './hearing.entity.js';
import type { HearingDecision } from './hearing-lot.entity.js';

/** Instants are ISO strings: the protocol is JSON, hashed over its canonical form. */
export interface HearingProtocol {
  lot: {
    id: string;
    number: string;
    theme: string;
    programmeId: string;
    programmeTitle: string;
    buyer: string;
    /** The zone its deadlines are counted in, for showing the instants. */
    timeZone: string;
  };
  notice: {
    hearingId: string;
    heldAt: string;
    place: string | null;
    onlineUrl: string | null;
    description: string | null;
    documents: HearingDocument[];
    publishedAt: string;
    registrationDeadline: string | null;
  };
  /** Confirmed registrants; no contact details. */
  participants: { name: string; organisation: string | null }[];
  comments: ProtocolComment[];
  decision: { decision: HearingDecision; note: string | null; approvedAt: string } | null;
}

export interface ProtocolComment {
  /** 1, 2, … in the order submitted. */
  number: number;
  id: string;
  /** A participant by name; an NGO by its name only. */
  author: { kind: 'participant' | 'ngo'; name: string | null; organisation: string | null };
  text: string;
  submittedAt: string;
  answer: { text: string; answeredAt: string } | null;
}

/** sha-256 (hex) over the canonical JSON, so anyone can check a published protocol. */
export function protocolSha256(protocol: HearingProtocol): string {
  return createHash('sha256').update(canonicalJson(protocol), 'utf8').digest('hex');
}

/** Only http(s) links become links; anything else is shown as text. */
function link(url: string, label: string): string {
  return /^https?:\/\//i.test(url)
    ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(label)}</a>`
    : escapeHtml(label);
}

const DECISIONS: Readonly<Record<HearingDecision, string>> = {
  openCall: 'Объявить конкурс',
  revise: 'Вернуть проект на доработку',
};

/** The protocol as a self-contained page (Russian, the hearings' working language). */
export function renderProtocolHtml(
  protocol: HearingProtocol,
  seal: { status: 'draft' | 'approved'; sha256: string | null },
): string {
  const { lot, notice, participants, comments, decision } = protocol;
  const at = (iso: string) => escapeHtml(formatInstant(new Date(iso), 'ru', lot.timeZone));
  const venue = [
    notice.place ? `<p>Место: ${escapeHtml(notice.place)}</p>` : '',
    notice.onlineUrl ? `<p>Онлайн: ${link(notice.onlineUrl, notice.onlineUrl)}</p>` : '',
  ].join('');
  const documents = notice.documents.length
    ? `<ul>${notice.documents.map((d) => `<li>${link(d.url, d.title)}</li>`).join('')}</ul>`
    : '<p>Нет документов.</p>';
  const people = participants.length
    ? `<ol>${participants
        .map(
          (p) =>
            `<li>${escapeHtml(p.name)}${p.organisation ? `, ${escapeHtml(p.organisation)}` : ''}</li>`,
        )
        .join('')}</ol>`
    : '<p>Участников нет.</p>';
  const author = (c: ProtocolComment) =>
    escapeHtml(
      c.author.kind === 'ngo'
        ? (c.author.organisation ?? '')
        : [c.author.name, c.author.organisation].filter(Boolean).join(', '),
    );
  const discussion = comments.length
    ? comments
        .map(
          (c) => `<section class="comment">
<h3>Замечание ${c.number}: ${author(c)} (${at(c.submittedAt)})</h3>
<p>${paragraphs(c.text)}</p>
${
  c.answer
    ? `<p class="answer"><strong>Ответ заказчика (${at(c.answer.answeredAt)}):</strong><br>${paragraphs(c.answer.text)}</p>`
    : '<p class="answer"><em>Ответа пока нет.</em></p>'
}
</section>`,
        )
        .join('\n')
    : '<p>Замечаний не поступило.</p>';
  const outcome = decision
    ? `<p><strong>${escapeHtml(DECISIONS[decision.decision])}</strong> (утверждено ${at(decision.approvedAt)})</p>${
        decision.note ? `<p>${paragraphs(decision.note)}</p>` : ''
      }`
    : '<p>Протокол ещё не утверждён.</p>';
  const sealLine =
    seal.status === 'approved' && seal.sha256
      ? `<p class="seal">SHA-256: <code>${escapeHtml(seal.sha256)}</code></p>`
      : '<p class="seal">Проект протокола: может измениться до утверждения.</p>';
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Протокол общественных слушаний — лот ${escapeHtml(lot.number)}</title>
</head>
<body>
<h1>Протокол общественных слушаний</h1>
<p>Лот ${escapeHtml(lot.number)} «${escapeHtml(lot.theme)}»</p>
<p>Программа: ${escapeHtml(lot.programmeTitle)}. Заказчик: ${escapeHtml(lot.buyer)}</p>
<h2>Объявление</h2>
<p>Дата и время: ${at(notice.heldAt)}</p>
${venue}
${notice.description ? `<p>${paragraphs(notice.description)}</p>` : ''}
<p>Регистрация до: ${notice.registrationDeadline ? at(notice.registrationDeadline) : '—'}</p>
<h2>Документы</h2>
${documents}
<h2>Участники (${participants.length})</h2>
${people}
<h2>Замечания и ответы (${comments.length})</h2>
${discussion}
<h2>Решение</h2>
${outcome}
${sealLine}
</body>
</html>
`;
}
