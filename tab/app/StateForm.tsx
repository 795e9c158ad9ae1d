import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { countryName } from '../../src/reference/countries';
import { JOINING_AUTHORITY_TYPES, NAME_MAX_LENGTH, SHORT_NAME_MAX_LENGTH } from '../../src/membership/participantInput';
import { asApiFailure } from './api';
import type { MembershipResult, StateFormValues, StatesApi } from './statesApi';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  surface: { maxWidth: '40rem', width: '100%' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))', gap: tokens.spacingHorizontalM },
});

const EMPTY: StateFormValues = { country: '', shortName: '', nameLocal: '', nameEn: '', type: '', emailDomains: '', tenantIds: '' };

type Message = { intent: 'error' | 'warning'; text: string } | null;

/**
 * The tab's form to add a member state with its first authority (`kind` state), or an authority
 * to a state already in (`kind` authority), checked by the server with the same command as
 * `/state new`. A refusal brings a message per field, in the reader's language, and keeps
 * everything typed; the form's id goes with it, so a double click or a retry makes one change.
 */
export function StateForm(props: { api: StatesApi; kind: 'state' | 'authority'; countries: readonly string[]; preset?: string; label: string; testId: string; onDone: (result: MembershipResult) => void }) {
  const { t, language } = useTabSession();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<StateFormValues>(EMPTY);
  const [formId, setFormId] = useState(() => crypto.randomUUID());
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<Message>(null);
  const [saving, setSaving] = useState(false);
  const forState = props.kind === 'state';

  const set = (key: keyof StateFormValues, value: string) => setValues((previous) => ({ ...previous, [key]: value }));
  const error = (field: string) => ({ validationMessage: fields[field], validationState: fields[field] ? ('error' as const) : ('none' as const) });
  const countries = [...props.countries].sort((a, b) => countryName(a, language).localeCompare(countryName(b, language), language));

  const start = () => {
    setValues({ ...EMPTY, country: props.preset ?? '' });
    setFormId(crypto.randomUUID());
    setFields({});
    setMessage(null);
    setOpen(true);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The state is part of the address of an authority's form: without it there is nothing to send.
    if (!forState && !values.country) {
      setFields({ country: t('states.errors.required') });
      setMessage({ intent: 'warning', text: t('states.form.fixErrors') });
      return;
    }
    setSaving(true);
    setFields({});
    setMessage(null);
    try {
      const result = forState ? await props.api.admit({ ...values, formId }) : await props.api.addAuthority(values.country, { ...values, formId });
      setOpen(false);
      props.onDone(result);
    } catch (failed) {
      const failure = asApiFailure(failed);
      setFields(failure.fields);
      const general = failure.kind === 'invalid' && Object.keys(failure.fields).length > 0 ? t('states.form.fixErrors') : (failure.serverMessage ?? t(`tab.state.${failure.kind}.body`));
      setMessage({ intent: failure.kind === 'invalid' ? 'warning' : 'error', text: general });
    } finally {
      setSaving(false);
    }
  };

  const id = props.testId;
  return (
    <>
      <Button appearance={forState ? 'primary' : 'secondary'} size={forState ? 'medium' : 'small'} onClick={start} data-testid={id}>
        {props.label}
      </Button>
      {/* Mounted only while open, as the proposal form: a mounted dialog puts focus guards on the page. */}
      {open && (
        <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
          <DialogSurface className={styles.surface} aria-describedby={`${id}-intro`}>
            <form onSubmit={submit} data-testid="state-form" noValidate>
              <DialogBody>
                <DialogTitle>{t(forState ? 'states.form.titleState' : 'states.form.titleAuthority')}</DialogTitle>
                <DialogContent className={styles.form}>
                  <Text id={`${id}-intro`}>{t(forState ? 'states.form.introState' : 'states.form.introAuthority')}</Text>
                  {message && (
                    <MessageBar intent={message.intent} layout="multiline" data-testid="state-form-message">
                      <MessageBarBody>{message.text}</MessageBarBody>
                    </MessageBar>
                  )}
                  <Field label={t('states.form.country')} required {...error('country')}>
                    <Select value={values.country} onChange={(_, data) => set('country', data.value)} data-testid="state-country">
                      <option value="">{t('states.form.countryPlaceholder')}</option>
                      {countries.map((code) => (
                        <option key={code} value={code}>
                          {countryName(code, language)}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Field label={t('states.form.shortName')} required {...error('shortName')}>
                    <Input value={values.shortName} maxLength={SHORT_NAME_MAX_LENGTH * 2} onChange={(_, data) => set('shortName', data.value)} data-testid="state-shortName" />
                  </Field>
                  <div className={styles.row}>
                    <Field label={t('states.form.nameLocal')} required {...error('nameLocal')}>
                      <Input value={values.nameLocal} maxLength={NAME_MAX_LENGTH * 2} onChange={(_, data) => set('nameLocal', data.value)} data-testid="state-nameLocal" />
                    </Field>
                    <Field label={t('states.form.nameEn')} required {...error('nameEn')}>
                      <Input value={values.nameEn} maxLength={NAME_MAX_LENGTH * 2} onChange={(_, data) => set('nameEn', data.value)} data-testid="state-nameEn" />
                    </Field>
                  </div>
                  <Field label={t('states.form.type')} required {...error('type')}>
                    <RadioGroup value={values.type} onChange={(_, data) => set('type', data.value)} data-testid="state-type">
                      {JOINING_AUTHORITY_TYPES.map((type) => (
                        <Radio key={type} value={type} label={t(`authorityType.${type}`)} data-testid={`state-type-${type}`} />
                      ))}
                    </RadioGroup>
                  </Field>
                  <Field label={t('states.form.emailDomains')} required {...error('emailDomains')}>
                    <Textarea value={values.emailDomains} resize="vertical" onChange={(_, data) => set('emailDomains', data.value)} data-testid="state-emailDomains" />
                  </Field>
                  <Field label={t('states.form.tenantIds')} hint={t('stateAdmin.tab.tenantHint')} {...error('tenantIds')}>
                    <Textarea value={values.tenantIds} resize="vertical" onChange={(_, data) => set('tenantIds', data.value)} data-testid="state-tenantIds" />
                  </Field>
                </DialogContent>
                <DialogActions>
                  {saving && <Spinner size="tiny" label={t('stateAdmin.tab.saving')} />}
                  <Button appearance="secondary" onClick={() => setOpen(false)}>
                    {t('stateAdmin.tab.cancel')}
                  </Button>
                  <Button type="submit" appearance="primary" disabledFocusable={saving} data-testid="state-submit">
                    {t(forState ? 'states.form.submitState' : 'states.form.submitAuthority')}
                  </Button>
                </DialogActions>
              </DialogBody>
            </form>
          </DialogSurface>
        </Dialog>
      )}
    </>
  );
}
