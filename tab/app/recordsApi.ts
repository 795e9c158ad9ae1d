import { createApiCaller, type TokenSource } from './api';
import type { AlertChangedBody, EditableAlertsBody, RecordDetailBody, RecordKind } from '../api/alertApiTypes';

export type RecordDetail = RecordDetailBody;
export type AlertChanged = AlertChangedBody;
export type EditableAlerts = EditableAlertsBody;
export type { RecordKind };

/** What the correction form sends: the form's fields as typed, with the version it showed. */
export interface AlertCorrection {
  version: number;
  summary: string;
  identifiers: Array<{ type: string; value: string; country: string }>;
  fraudTypes: string[];
  countriesConcerned: string[];
  urgency: string;
}

/** A correction or withdrawal refused because the alert changed meanwhile: the alert as it is now. */
export class StaleAlert extends Error {
  constructor(
    readonly serverMessage: string,
    readonly current: RecordDetail,
  ) {
    super('stale alert');
    this.name = 'StaleAlert';
  }
}

export interface RecordsApi {
  /** An alert, an inspection or a request as "My open items" opens it. */
  detail(kind: RecordKind, ref: string): Promise<RecordDetail>;
  editableAlerts(): Promise<EditableAlerts>;
  correctAlert(ref: string, correction: AlertCorrection): Promise<AlertChanged>;
  withdrawAlert(ref: string, withdrawal: { version: number; reason: string }): Promise<AlertChanged>;
}

const DETAIL_PATH: Record<RecordKind, (ref: string) => string> = {
  alert: (ref) => `/api/alerts/${encodeURIComponent(ref)}`,
  inspection: (ref) => `/api/open-items/inspection/${encodeURIComponent(ref)}`,
  request: (ref) => `/api/open-items/request/${encodeURIComponent(ref)}`,
};

export function createRecordsApi(token: TokenSource, language: string): RecordsApi {
  const { call: send } = createApiCaller(token, language);
  // A 409 that carries the alert as it is now is a stale correction, shown with the current alert.
  async function refused(response: Response): Promise<void> {
    if (response.status !== 409) return;
    const answer = (await response.clone().json().catch(() => ({}))) as { error?: { message?: string; current?: RecordDetail } };
    if (answer.error?.current) throw new StaleAlert(answer.error.message ?? '', answer.error.current);
  }
  const call = <T>(path: string, body?: unknown): Promise<T> => send<T>(path, { method: body === undefined ? 'GET' : 'POST', body, refused });

  return {
    detail: (kind, ref) => call<RecordDetail>(DETAIL_PATH[kind](ref)),
    editableAlerts: () => call<EditableAlerts>('/api/alerts/editable'),
    correctAlert: (ref, correction) => call<AlertChanged>(`/api/alerts/${encodeURIComponent(ref)}/edit`, correction),
    withdrawAlert: (ref, withdrawal) => call<AlertChanged>(`/api/alerts/${encodeURIComponent(ref)}/withdraw`, withdrawal),
  };
}
