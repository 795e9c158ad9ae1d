/**
 * A domain error is a value the user is shown in their language: a catalogue key, its variables,
 * and, for form submissions, the field it belongs to.
 */
export interface DomainErrorDetail {
  key: string;
  vars?: Record<string, string | number>;
  field?: string;
}

export class DomainError extends Error {
  readonly details: DomainErrorDetail[];

  constructor(details: DomainErrorDetail | DomainErrorDetail[]) {
    const list = Array.isArray(details) ? details : [details];
    super(list.map((d) => d.key).join(', '));
    this.name = 'DomainError';
    this.details = list;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
