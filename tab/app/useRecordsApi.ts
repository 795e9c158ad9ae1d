import { useMemo } from 'react';
import { createRecordsApi, type RecordsApi } from './recordsApi';
import { useTabSession } from './TabSession';
import { ssoToken } from './teams';

/** The alert, inspection and request routes of the API, with the session's token and language. */
export function useRecordsApi(): RecordsApi {
  const { environment, language } = useTabSession();
  return useMemo(() => createRecordsApi(() => ssoToken(environment), language), [environment, language]);
}
