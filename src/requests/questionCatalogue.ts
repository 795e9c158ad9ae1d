import { z } from 'zod';
import questionsFile from './questions.json';
import { LANGUAGES, type Language } from '../i18n/languages';

/**
 * The pre-translated questions an authority may ask another, as IMI has them: data, so adding a
 * question is editing questions.json. Every text is in the five languages (checked at load), so
 * the asker and the addressee each read the same question in their own.
 */
export const ANSWER_TYPES = ['yesno', 'date', 'number', 'period', 'choice', 'text'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

const texts = z.object({ en: z.string().min(1), fr: z.string().min(1), it: z.string().min(1), pt: z.string().min(1), es: z.string().min(1) }).strict();

const catalogueSchema = z.object({
  topics: z.array(z.object({ id: z.string().regex(/^[a-z0-9_]+$/), names: texts })),
  questions: z.array(
    z.object({
      id: z.string().regex(/^[a-z0-9]+\.[A-Za-z0-9]+$/),
      topic: z.string(),
      type: z.enum(ANSWER_TYPES),
      options: z.array(z.object({ id: z.string().regex(/^[a-z0-9_]+$/), labels: texts })).optional(),
      texts,
    }),
  ),
});

export type QuestionCatalogue = z.infer<typeof catalogueSchema>;
export type Question = QuestionCatalogue['questions'][number];
export type Topic = QuestionCatalogue['topics'][number];

/** Checks the file: known topics, unique ids, options exactly on choice questions. */
export function loadQuestionCatalogue(raw: unknown = questionsFile): QuestionCatalogue {
  const catalogue = catalogueSchema.parse(raw);
  const topics = new Set(catalogue.topics.map((t) => t.id));
  const seen = new Set<string>();
  for (const question of catalogue.questions) {
    if (!topics.has(question.topic)) throw new Error(`questions.json: ${question.id} names unknown topic ${question.topic}`);
    if (seen.has(question.id)) throw new Error(`questions.json: ${question.id} is defined twice`);
    seen.add(question.id);
    if ((question.type === 'choice') !== (question.options !== undefined && question.options.length >= 2)) {
      throw new Error(`questions.json: ${question.id} needs options exactly when it is a choice`);
    }
  }
  return catalogue;
}

export const QUESTION_CATALOGUE = loadQuestionCatalogue();

const byId = new Map(QUESTION_CATALOGUE.questions.map((q) => [q.id, q]));

export function findQuestion(id: string): Question | null {
  return byId.get(id) ?? null;
}

export function questionText(question: Question, language: Language): string {
  return question.texts[language];
}

export function topicName(topicId: string, language: Language): string {
  return QUESTION_CATALOGUE.topics.find((t) => t.id === topicId)?.names[language] ?? topicId;
}

export function optionLabel(question: Question, optionId: string, language: Language): string {
  return question.options?.find((o) => o.id === optionId)?.labels[language] ?? optionId;
}

export { LANGUAGES };
