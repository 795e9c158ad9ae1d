import type { DomainErrorDetail } from '../errors';
import { isIsoDate } from '../inspections/dates';
import type { Question } from './questionCatalogue';

export const YES_NO = ['yes', 'no', 'unknown'] as const;
export const TEXT_ANSWER_MAX_LENGTH = 500;

/** A checked answer, stored as JSON: its shape follows the question's answer type. */
export type AnswerValue = string | number | { from: string; to: string };

/** What the form sends for one question: one field, or two for a period. */
export interface RawAnswer {
  value?: string;
  from?: string;
  to?: string;
}

/**
 * One typed answer checked against its question's answer type. `null` when left empty (a
 * partial answer leaves questions open); an error detail on the question's field otherwise.
 */
export function checkAnswer(question: Question, raw: RawAnswer | undefined): { value: AnswerValue | null } | { error: DomainErrorDetail } {
  const field = `answers.${question.id}`;
  const value = (raw?.value ?? '').trim();
  switch (question.type) {
    case 'period': {
      const from = (raw?.from ?? '').trim();
      const to = (raw?.to ?? '').trim();
      if (!from && !to) return { value: null };
      if (!isIsoDate(from) || !isIsoDate(to)) return { error: { field, key: 'requests.errors.badDate' } };
      if (from > to) return { error: { field, key: 'requests.errors.periodBackwards' } };
      return { value: { from, to } };
    }
    case 'yesno':
      if (!value) return { value: null };
      return (YES_NO as readonly string[]).includes(value) ? { value } : { error: { field, key: 'requests.errors.unknownChoice' } };
    case 'choice':
      if (!value) return { value: null };
      return question.options?.some((o) => o.id === value) ? { value } : { error: { field, key: 'requests.errors.unknownChoice' } };
    case 'date':
      if (!value) return { value: null };
      return isIsoDate(value) ? { value } : { error: { field, key: 'requests.errors.badDate' } };
    case 'number': {
      if (!value) return { value: null };
      // People write 12,5 as often as 12.5 in the four states; thousands separators are refused, not guessed.
      const number = /^-?\d{1,12}([.,]\d{1,4})?$/.test(value) ? Number(value.replace(',', '.')) : NaN;
      return Number.isFinite(number) && number >= 0 ? { value: number } : { error: { field, key: 'requests.errors.badNumber' } };
    }
    case 'text':
      if (!value) return { value: null };
      return value.length <= TEXT_ANSWER_MAX_LENGTH ? { value } : { error: { field, key: 'requests.errors.tooLong', vars: { max: TEXT_ANSWER_MAX_LENGTH } } };
  }
}
