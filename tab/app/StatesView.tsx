import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { EU_COUNTRIES, countryName } from '../../src/reference/countries';
import { asApiFailure } from './api';
import { FailureMessage, Loading } from './LoadStates';
import { PageHeader } from './PageHeader';
import { usePageStyles } from './pageStyles';
import { StateForm } from './StateForm';
import { createStatesApi, type MemberStateEntry, type MembershipResult } from './statesApi';
import { useTabSession } from './TabSession';
import { ssoToken } from './teams';
import { useResource } from './useResource';

const useStyles = makeStyles({
  note: { color: tokens.colorNeutralForeground2, maxWidth: '60rem' },
  list: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 22rem), 1fr))', gap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalL, listStyle: 'none', margin: 0, padding: 0 },
  state: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  stateHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS },
  authorities: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, listStyle: 'none', margin: 0, padding: 0 },
  authority: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, minWidth: 0 },
  authorityText: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  subtle: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type Pending = { kind: 'state' | 'authority'; id: string; name: string } | null;
type Notice = { intent: 'success' | 'error' | 'warning'; text: string } | null;

/**
 * The member states and their authorities. Coordinators add a state (or an authority to one),
 * and deactivate or reactivate a state or one authority, through the same commands as `/state`
 * and `/authority` in Teams; a deactivation is confirmed first. Everyone else sees the list and
 * a line saying who may change it. After each change the list is read again, so what it shows is
 * what every form and filter of the app now offers.
 */
export function StatesView() {
  const { t, language, api, environment } = useTabSession();
  const page = usePageStyles();
  const styles = useStyles();
  const states = useMemo(() => createStatesApi(() => ssoToken(environment), language), [environment, language]);
  const me = useResource('me', () => api.me());
  const list = useResource('member-states', () => states.list());
  const [notice, setNotice] = useState<Notice>(null);
  const [confirming, setConfirming] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const coordinator = me.phase === 'loaded' && me.value.role === 'coordinator';
  const entries: MemberStateEntry[] = list.phase === 'loaded' ? list.value.states : [];
  const known = new Set(entries.map((state) => state.code));
  const joinable = EU_COUNTRIES.filter((code) => !known.has(code));
  const active = entries.filter((state) => state.active).map((state) => state.code);

  const added = (result: MembershipResult) => {
    const vars = { country: countryName(result.country, language), authority: result.authorityId };
    setNotice({ intent: 'success', text: t(result.kind === 'alreadyDone' ? 'states.alreadyDone' : result.kind === 'admitted' ? 'states.admitted' : 'states.added', vars) });
    list.reload();
  };

  /** A deactivation or reactivation; its refusal (a wrong move, the last authority) is shown as the server words it. */
  const change = async (run: () => Promise<string>) => {
    setBusy(true);
    setNotice(null);
    try {
      setNotice({ intent: 'success', text: await run() });
    } catch (failed) {
      const failure = asApiFailure(failed);
      setNotice({ intent: failure.kind === 'invalid' ? 'warning' : 'error', text: failure.serverMessage ?? t(`tab.state.${failure.kind}.body`) });
    } finally {
      setBusy(false);
      setConfirming(null);
      list.reload();
    }
  };
  const stateName = (code: string) => countryName(code, language);
  const deactivate = (pending: NonNullable<Pending>) =>
    change(async () => {
      if (pending.kind === 'state') {
        const result = await states.deactivateState(pending.id);
        return t('states.deactivated', { country: stateName(result.country), authorities: result.authorities.join(', ') });
      }
      const result = await states.deactivateAuthority(pending.id);
      return t('stateAdmin.authorityDeactivated', { authority: result.authorityId, country: stateName(result.country) });
    });
  const reactivateState = (code: string) =>
    change(async () => {
      const result = await states.reactivateState(code);
      return t('stateAdmin.reactivated', { country: stateName(result.country), authorities: result.authorities.join(', ') });
    });
  const reactivateAuthority = (id: string) =>
    change(async () => {
      const result = await states.reactivateAuthority(id);
      return t('stateAdmin.authorityReactivated', { authority: result.authorityId, country: stateName(result.country) });
    });

  return (
    <main className={page.page} data-testid="view-states">
      <PageHeader
        me={me.phase === 'loaded' ? me.value : null}
        heading={t('stateAdmin.tab.heading')}
        tools={coordinator && list.phase === 'loaded' ? <StateForm api={states} kind="state" countries={joinable} label={t('stateAdmin.tab.add')} testId="add-state" onDone={added} /> : undefined}
      />
      <Text className={styles.note}>{t('stateAdmin.tab.intro')}</Text>
      {me.phase === 'loaded' && !coordinator && (
        <MessageBar intent="info" data-testid="states-coordinators-only">
          <MessageBarBody>{t('stateAdmin.tab.coordinatorsOnly')}</MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" data-testid="states-message" aria-live="polite">
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {list.phase === 'failed' && <FailureMessage failure={list.failure} retry={list.retry} />}
      {(list.phase === 'loading' || list.phase === 'idle') && <Loading label={t('stateAdmin.tab.loading')} />}
      {list.phase === 'loaded' && (
        <ul className={styles.list} aria-label={t('stateAdmin.tab.listLabel')} data-testid="states-list">
          {entries.map((state) => (
            <li key={state.code} className={styles.state} data-testid={`state-${state.code}`} data-active={state.active}>
              <div className={styles.stateHead}>
                <div>
                  <Text as="h2" size={500} weight="semibold" className={page.heading}>
                    {`${state.name} (${state.code})`}
                  </Text>
                  <Text size={200} className={styles.subtle} block>
                    {t('stateAdmin.tab.since', { year: state.joinedYear })}
                  </Text>
                </div>
                <Badge appearance={state.active ? 'filled' : 'outline'} color={state.active ? 'success' : 'informative'} data-testid="state-status">
                  {t(state.active ? 'stateAdmin.tab.active' : 'stateAdmin.tab.inactive')}
                </Badge>
              </div>
              <ul className={styles.authorities}>
                {state.authorities.map((authority) => (
                  <li key={authority.id} className={styles.authority} data-testid={`authority-${authority.id}`} data-active={authority.active}>
                    <div className={styles.authorityText}>
                      <Text weight="semibold">{`${authority.name} (${authority.shortName})`}</Text>
                      <Text size={200} className={styles.subtle}>
                        {[t(`authorityType.${authority.type}`), authority.active ? t('stateAdmin.tab.domains', { domains: authority.emailDomains.join(', ') }) : t('stateAdmin.tab.inactive')].join(' · ')}
                      </Text>
                    </div>
                    {coordinator && state.active && (
                      <Button
                        size="small"
                        appearance="subtle"
                        disabledFocusable={busy}
                        aria-label={t(authority.active ? 'stateAdmin.tab.deactivateAuthority' : 'stateAdmin.tab.reactivateAuthority', { authority: authority.shortName })}
                        onClick={() => (authority.active ? setConfirming({ kind: 'authority', id: authority.id, name: authority.name }) : void reactivateAuthority(authority.id))}
                        data-testid={authority.active ? `deactivate-${authority.id}` : `reactivate-${authority.id}`}
                      >
                        {t(authority.active ? 'stateAdmin.tab.deactivate' : 'stateAdmin.tab.reactivate')}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
              {coordinator && (
                <div className={styles.actions}>
                  {state.active && <StateForm api={states} kind="authority" countries={active} preset={state.code} label={t('stateAdmin.tab.addAuthority')} testId={`add-authority-${state.code}`} onDone={added} />}
                  <Button
                    size="small"
                    appearance={state.active ? 'secondary' : 'primary'}
                    disabledFocusable={busy}
                    onClick={() => (state.active ? setConfirming({ kind: 'state', id: state.code, name: state.name }) : void reactivateState(state.code))}
                    data-testid={state.active ? `deactivate-${state.code}` : `reactivate-${state.code}`}
                  >
                    {t(state.active ? 'stateAdmin.tab.deactivateState' : 'stateAdmin.tab.reactivateState', { country: state.name })}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <Dialog open onOpenChange={(_, data) => !data.open && setConfirming(null)}>
          <DialogSurface aria-describedby="states-confirm-text">
            <DialogBody>
              <DialogTitle>{t(confirming.kind === 'state' ? 'stateAdmin.tab.deactivateState' : 'stateAdmin.tab.deactivateAuthority', { country: confirming.name, authority: confirming.name })}</DialogTitle>
              <DialogContent>
                <Text id="states-confirm-text">{t(confirming.kind === 'state' ? 'stateAdmin.tab.confirmDeactivateState' : 'stateAdmin.tab.confirmDeactivateAuthority', { country: confirming.name, authority: confirming.name })}</Text>
              </DialogContent>
              <DialogActions>
                {busy && <Spinner size="tiny" label={t('stateAdmin.tab.saving')} />}
                <Button appearance="secondary" onClick={() => setConfirming(null)}>
                  {t('stateAdmin.tab.cancel')}
                </Button>
                <Button appearance="primary" disabledFocusable={busy} onClick={() => void deactivate(confirming)} data-testid="states-confirm">
                  {t('stateAdmin.tab.deactivate')}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </main>
  );
}
