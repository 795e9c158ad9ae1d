import { Button, Field, Input, Radio, RadioGroup, Select, Textarea, makeStyles } from '@fluentui/react-components';
import type { FormEvent } from 'react';
import { countryName } from '../../src/reference/countries';
import { JOINING_AUTHORITY_TYPES, NAME_MAX_LENGTH, SHORT_NAME_MAX_LENGTH } from '../../src/membership/participantInput';
import { FormDialog, useDialogForm, useFormDialogStyles } from './FormDialog';
import type { MembershipResult, StateFormValues, StatesApi } from './statesApi';
import { useTabSession } from './TabSession';

const useStyles = makeStyles({
  surface: { maxWidth: '40rem', width: '100%' },
});

const EMPTY: StateFormValues = { country: '', shortName: '', nameLocal: '', nameEn: '', type: '', emailDomains: '', tenantIds: '' };

/**
 * The tab's form to add a member state with its first authority (`kind` state), or an authority
 * to a state already in (`kind` authority), checked by the server with the same command as
 * `/state new`. A refusal brings a message per field, in the reader's language, and keeps
 * everything typed; the form's id goes with it, so a double click or a retry makes one change.
 */
export function StateForm(props: { api: StatesApi; kind: 'state' | 'authority'; countries: readonly string[]; preset?: string; label: string; testId: string; onDone: (result: MembershipResult) => void }) {
  const { t, language } = useTabSession();
  const styles = useStyles();
  const formStyles = useFormDialogStyles();
  const form = useDialogForm<StateFormValues>(EMPTY, t('states.form.fixErrors'));
  const { values, set, error } = form;
  const forState = props.kind === 'state';
  const countries = [...props.countries].sort((a, b) => countryName(a, language).localeCompare(countryName(b, language), language));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The state is part of the address of an authority's form: without it there is nothing to send.
    if (!forState && !values.country) {
      form.refuse({ country: t('states.errors.required') });
      return;
    }
    const formId = form.formId;
    void form.send(() => (forState ? props.api.admit({ ...values, formId }) : props.api.addAuthority(values.country, { ...values, formId })), (result) => props.onDone(result));
  };

  const id = props.testId;
  return (
    <>
      <Button appearance={forState ? 'primary' : 'secondary'} size={forState ? 'medium' : 'small'} onClick={() => form.start({ ...EMPTY, country: props.preset ?? '' })} data-testid={id}>
        {props.label}
      </Button>
      <FormDialog
        form={form}
        name="state"
        introId={`${id}-intro`}
        surfaceClassName={styles.surface}
        labels={{
          title: t(forState ? 'states.form.titleState' : 'states.form.titleAuthority'),
          intro: t(forState ? 'states.form.introState' : 'states.form.introAuthority'),
          saving: t('stateAdmin.tab.saving'),
          cancel: t('stateAdmin.tab.cancel'),
          submit: t(forState ? 'states.form.submitState' : 'states.form.submitAuthority'),
        }}
        onSubmit={submit}
      >
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
        <div className={formStyles.row}>
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
      </FormDialog>
    </>
  );
}
