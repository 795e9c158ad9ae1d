import type { DomainErrorDetail } from '../../src/errors';
import type { Language } from '../../src/i18n/languages';
import type { Translate } from '../../src/i18n/translate';
import type { Member } from '../../src/identity/members';
import type { AnswerValue } from '../../src/requests/answers';
import { YES_NO } from '../../src/requests/answers';
import { findQuestion, optionLabel, questionText, topicName, type Question } from '../../src/requests/questionCatalogue';
import type { RequestListItem, RequestListView, RequestView } from '../../src/requests/requestQueries';
import { REQUEST_PAGE_SIZE } from '../../src/requests/requestQueries';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { formatDate } from '../cards/choices';
import { pagingFields } from '../cards/paging';
import { writtenInMark } from '../cards/readerViews';

const route = (request: Pick<RequestView, 'requesterShortName' | 'requesterMemberState' | 'addressees'>) => ({
  from: `${request.requesterShortName} (${request.requesterMemberState})`,
  to: request.addressees.map((a) => `${a.shortName} (${a.memberState})`).join(', '),
});

const dueDates = (t: Translate, language: Language, request: RequestView) => [...new Set(request.addressees.map((a) => a.dueDate))].map((date) => formatDate(date, language)).join(', ');

/**
 * What the whole channel sees of a request: who asks whom, its reference, deadline and urgency.
 * Nothing of its content (company, questions, answers): that opens only for the two sides.
 */
export function requestNoticeCard(t: Translate, language: Language, request: RequestView): AdaptiveCard {
  const { from, to } = route(request);
  const status =
    request.status === 'open'
      ? request.addressees.map((a) => t('requests.notice.partStatus', { authority: a.shortName, status: t(`requests.addresseeStatus.${a.status}`) })).join(' · ')
      : t(`requests.status.${request.status}`);
  return renderCard('requestNotice', {
    ref: request.ref,
    open: request.status === 'open',
    line: t('requests.notice.line', { from, to, ref: request.ref, due: dueDates(t, language, request), urgency: t(`requests.urgency.${request.urgency}`) }),
    statusLine: status,
    privacy: t('requests.notice.privacy'),
    openLabel: t('requests.notice.open'),
    answerLabel: t('requests.notice.answer'),
  });
}

const numberFormats = new Map<Language, Intl.NumberFormat>();

/** A typed answer as the reader reads it: the catalogue's words, dates and numbers in their language. */
export function answerText(t: Translate, language: Language, question: Question, value: AnswerValue): string {
  if (typeof value === 'object') return t('requests.view.period', { from: formatDate(value.from, language), to: formatDate(value.to, language) });
  if (typeof value === 'number') {
    let format = numberFormats.get(language);
    if (!format) numberFormats.set(language, (format = new Intl.NumberFormat(language, { maximumFractionDigits: 4 })));
    return format.format(value);
  }
  switch (question.type) {
    case 'yesno':
      return t(`requests.answer.${value}`);
    case 'choice':
      return optionLabel(question, value, language);
    case 'date':
      return formatDate(value, language);
    default:
      return value;
  }
}

/** The request's content for one authorised reader, in their language, with what they may do next. */
export interface ProposalForm {
  values: { dueDate: string; reason: string };
  errors: DomainErrorDetail[];
}

export function requestViewCard(t: Translate, language: Language, request: RequestView, reader: Member, notice: string | null = null, proposalForm: ProposalForm | null = null): AdaptiveCard {
  const { from, to } = route(request);
  const open = request.status === 'open';
  const own = request.addressees.find((a) => a.authorityId === reader.authority.id);
  const isRequester = request.requesterAuthorityId === reader.authority.id;
  const references = [
    request.imiRequestNumber ? t('requests.view.imiRequestNumber', { value: request.imiRequestNumber }) : null,
    request.caseReference ? t('requests.view.caseReference', { value: request.caseReference }) : null,
    request.alertRef ? t('requests.view.alertRef', { ref: request.alertRef }) : null,
    request.inspectionRef ? t('requests.view.inspectionRef', { ref: request.inspectionRef }) : null,
  ].filter((text): text is string => text !== null);
  return renderCard('requestView', {
    notice: notice ?? '',
    ref: request.ref,
    title: t('requests.view.title', { ref: request.ref }),
    route: t('requests.view.route', { from, to, date: formatDate(request.createdAt, language), urgency: t(`requests.urgency.${request.urgency}`) }),
    companyLabel: t('requests.view.company'),
    company: ` ${request.company.name}`,
    facts: request.addressees.map((a) => ({
      title: `${a.shortName} (${a.memberState})`,
      value: t('requests.view.partLine', { status: t(`requests.addresseeStatus.${a.status}`), due: formatDate(a.dueDate, language) }),
    })),
    references: references.map((text) => ({ text })),
    questions: request.questionIds.map((id) => {
      const question = findQuestion(id)!;
      return {
        topic: topicName(question.topic, language),
        text: questionText(question, language),
        answers: request.addressees
          .filter((a) => a.answers[id] !== undefined)
          .map((a) => ({
            line: t('requests.view.answerLine', { authority: a.shortName, answer: answerText(t, language, question, a.answers[id]) }),
            // Only a short-text answer is the author's own words; the other types are shown in the reader's.
            writtenIn: question.type === 'text' ? writtenInMark(t, language, a.answerLanguages[id] ?? null) : '',
          })),
      };
    }),
    freeQuestionLabel: t('requests.view.freeQuestion'),
    freeQuestion: request.freeQuestion ?? '',
    freeQuestionWrittenIn: request.freeQuestion ? writtenInMark(t, language, request.freeQuestionLanguage) : '',
    replies: request.addressees.flatMap((a) => [
      ...(a.freeText ? [{ line: t('requests.view.replyLine', { authority: a.shortName, text: a.freeText }), writtenIn: writtenInMark(t, language, a.freeTextLanguage) }] : []),
      ...(a.sourcesNote ? [{ line: t('requests.view.sourcesLine', { authority: a.shortName, text: a.sourcesNote }), writtenIn: writtenInMark(t, language, a.sourcesNoteLanguage) }] : []),
    ]),
    labels: t('requests.view.actions', { returnObjects: true }) as unknown as Record<string, string>,
    canAcknowledge: open && own?.status === 'sent',
    canAnswer: open && own !== undefined,
    canClose: open && isRequester && request.addressees.some((a) => a.status.startsWith('answered')),
    canWithdraw: open && isRequester,
    // A proposed deadline: both sides see it, the requester decides it.
    proposals: request.addressees
      .filter((a) => open && a.proposedDueDate && (isRequester || a.authorityId === reader.authority.id))
      .map((a) => ({
        ref: request.ref,
        authorityId: a.authorityId,
        line: t('requests.view.proposalLine', { authority: a.shortName, date: formatDate(a.proposedDueDate!, language), reason: a.proposedReason ?? '' }),
        decide: isRequester,
        acceptLabel: t('requests.view.accept'),
        declineLabel: t('requests.view.decline'),
      })),
    canPropose: open && own !== undefined && own.status !== 'answered_fully',
    proposal: proposalForm?.values ?? { dueDate: '', reason: '' },
    proposalErrors: Object.fromEntries(
      ['dueDate', 'reason'].map((field) => {
        const error = proposalForm?.errors.find((e) => e.field === field);
        // The domain names dates as ISO days; the reader reads them in their own format.
        const vars = error?.vars && typeof error.vars.date === 'string' ? { ...error.vars, date: formatDate(error.vars.date, language) } : error?.vars;
        return [field, error ? t(error.key, vars) : ''];
      }),
    ),
  }, language);
}

export type AnswerFormValues = Record<string, string>;

const inputIdOf = (questionId: string) => `a_${questionId.replace('.', '_')}`;

/** The form's field names for a question: one input, or from/to for a period. */
export function answerFieldIds(questionId: string): { value: string; from: string; to: string } {
  const id = inputIdOf(questionId);
  return { value: id, from: `${id}_from`, to: `${id}_to` };
}

/** The answer form of an addressed authority: one input per question, in its answer type. */
export function answerFormCard(t: Translate, language: Language, request: RequestView, values: AnswerFormValues, errors: DomainErrorDetail[] = [], notice: string | null = null): AdaptiveCard {
  const fieldErrors = new Map(errors.filter((e) => e.field).map((e) => [e.field!, t(e.key, e.vars)]));
  const general = errors.filter((e) => !e.field || e.field === 'freeText' || e.field === 'sourcesNote');
  return renderCard(
    'requestAnswerForm',
    {
      notice: notice ?? '',
      ref: request.ref,
      title: t('requests.answerForm.title', { ref: request.ref }),
      formError: errors.length > 0 ? [t('requests.form.fixErrors'), ...general.filter((e) => !e.field).map((e) => t(e.key, e.vars))].join(' ') : '',
      labels: t('requests.answerForm', { returnObjects: true }) as unknown as Record<string, string>,
      questions: request.questionIds.map((id) => {
        const question = findQuestion(id)!;
        const ids = answerFieldIds(id);
        const kind = question.type === 'yesno' ? 'choice' : question.type === 'number' ? 'text' : question.type;
        const choices =
          question.type === 'yesno'
            ? YES_NO.map((value) => ({ title: t(`requests.answer.${value}`), value }))
            : (question.options ?? []).map((option) => ({ title: option.labels[language], value: option.id }));
        return {
          text: questionText(question, language),
          kind,
          inputId: ids.value,
          fromId: ids.from,
          toId: ids.to,
          answerLabel: t(`requests.answerForm.answerLabel.${question.type}`),
          fromLabel: t('requests.answerForm.from'),
          toLabel: t('requests.answerForm.to'),
          value: values[ids.value] ?? '',
          from: values[ids.from] ?? '',
          to: values[ids.to] ?? '',
          choices,
          error: fieldErrors.get(`answers.${id}`) ?? '',
        };
      }),
      freeQuestion: request.freeQuestion ?? '',
      // The requester's own words, marked with their language for an addressee who reads another, as on the request's view.
      freeQuestionWrittenIn: request.freeQuestion ? writtenInMark(t, language, request.freeQuestionLanguage) : '',
      values: { freeText: values.freeText ?? '', sourcesNote: values.sourcesNote ?? '' },
      errors: { freeText: fieldErrors.get('freeText') ?? '', sourcesNote: fieldErrors.get('sourcesNote') ?? '' },
    },
    language,
  );
}

/** A list of one of the authority's views, or of the requests about one company. */
export type RequestListSubject = { view: RequestListView } | { view: 'company'; company: { id: number; name: string } };

export function requestListCard(t: Translate, language: Language, subject: RequestListSubject, page: { items: RequestListItem[]; hasMore: boolean; offset: number }, notice: string | null): AdaptiveCard {
  return renderCard('requestList', {
    notice: notice ?? '',
    view: subject.view,
    companyId: subject.view === 'company' ? String(subject.company.id) : '',
    title: subject.view === 'company' ? t('requests.list.title.company', { company: subject.company.name }) : t(`requests.list.title.${subject.view}`),
    empty: t('requests.list.empty'),
    items: page.items.map((item) => ({
      ref: item.ref,
      heading: t('requests.list.heading', {
        ref: item.ref,
        from: `${item.requesterShortName} (${item.requesterMemberState})`,
        date: formatDate(item.createdAt, language),
        urgency: t(`requests.urgency.${item.urgency}`),
        status: t(`requests.status.${item.status}`),
      }),
      parts: item.addressees.map((a) => ({
        line: t(a.late ? 'requests.list.partLate' : 'requests.list.part', { authority: `${a.shortName} (${a.memberState})`, status: t(`requests.addresseeStatus.${a.status}`), due: formatDate(a.dueDate, language) }),
        color: a.late ? 'Attention' : 'Default',
      })),
    })),
    ...pagingFields(t, 'requests.list', page, REQUEST_PAGE_SIZE),
  });
}
