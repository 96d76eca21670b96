import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useEditorDraft } from '../../hooks/useEditorDraft';
import { ExtensionSection, IdentitySection, NotesSection, OutcomeSection, RequestSection, RequesterSection, ScopeSection } from './CaseDetailsSections';
import type { CaseData, CaseDetail } from './common';

/** The case's details: its sections, then the save line that stays at the bottom of the window. */
export function CaseDetailsForm({ data }: { data: CaseDetail }) {
  const { t } = useTranslation();
  const form = useEditorDraft<CaseData>({
    record: data.case,
    recordKey: data.id,
    empty: data.case,
    persist: async (draft) => {
      await call('requests.update', { id: data.id, case: draft });
    },
  });
  const { dirty, error } = form;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void form.save();
      }}
    >
      <Stack>
        <RequesterSection form={form} data={data} />
        <RequestSection form={form} data={data} />
        <IdentitySection form={form} data={data} />
        <ExtensionSection form={form} data={data} />
        <OutcomeSection form={form} data={data} />
        <ScopeSection form={form} data={data} />
        <NotesSection form={form} data={data} />
        <ErrorAlert error={error} />
        <Group style={{ position: 'sticky', bottom: 0, zIndex: 3 }} py="sm" bg="var(--mantine-color-body)">
          <Button type="submit" loading={form.saving} disabled={!dirty} data-testid="case-save">
            {t('dsar.save')}
          </Button>
          {dirty && (
            <Button variant="subtle" onClick={form.discard}>
              {t('dsar.discard')}
            </Button>
          )}
          {form.justSaved && !dirty && (
            <Text size="sm" c="teal" data-testid="case-saved">
              {t('dsar.saved')}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
