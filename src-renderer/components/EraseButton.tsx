import { ActionIcon, Alert, Button, Group, List, Menu, Modal, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconEraser } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useApi } from '../hooks/useApi';
import { ErrorAlert } from './ErrorAlert';

export type ErasableRecord = 'requests' | 'breaches' | 'vendors';

/** The confirmation's body: loaded only once the person opens it. */
function EraseForm({ table, id, onDone, onCancel }: { table: ErasableRecord; id: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const plan = useApi('records.erasurePlan', { table, id });
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const erase = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await call('records.purge', { table, id, reason: reason.trim() });
      notifications.show({ color: 'teal', title: t('erase.doneTitle'), message: t('erase.doneText') });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const children = (plan.data?.with ?? []).filter((w) => w.count > 0);
  return (
    <Stack>
      <ErrorAlert error={plan.error} />
      <Text size="sm">{t(`erase.what.${table}`)}</Text>
      {children.length > 0 && (
        <List size="sm" data-testid="erase-with">
          {children.map((w) => (
            <List.Item key={w.table}>{t(`erase.with.${w.table}`, { count: w.count })}</List.Item>
          ))}
        </List>
      )}
      <Text size="sm">{t(`erase.kept.${table}`)}</Text>
      <Alert color="gray" data-testid="erase-history-note">
        {t('erase.history')}
      </Alert>
      <Textarea
        label={t('erase.reason')}
        description={t('erase.reasonHelp')}
        placeholder={t('erase.reasonPlaceholder')}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        maxLength={500}
        autosize
        minRows={2}
        required
        data-testid="erase-reason"
      />
      <ErrorAlert error={error} />
      <Stack gap="xs" align="flex-end">
        <Text size="xs" c="dimmed">
          {t('erase.final')}
        </Text>
        <Group gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} disabled={!reason.trim() || !plan.data} onClick={() => void erase()} data-testid="erase-confirm">
            {t('erase.confirm')}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

/**
 * "Erase personal data…" on a record's page (GDPR art. 17): a confirmation that says what is erased
 * and what is kept, requires a reason, and calls the logged purge. The history then keeps only that
 * an erasure happened, by whom, when and why; colleagues receive it with the next sync.
 */
export function EraseButton({ table, id }: { table: ErasableRecord; id: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      {/* In a small menu beside the page's buttons, so the record's title keeps its room (1024 px screens). */}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Tooltip label={t('erase.more')} withinPortal>
            <ActionIcon variant="default" size="lg" aria-label={t('erase.more')} data-testid="record-more">
              <IconDots size={18} />
            </ActionIcon>
          </Tooltip>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item color="red" leftSection={<IconEraser size={16} />} onClick={() => setOpen(true)} data-testid="erase-open">
            {t('erase.button')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('erase.title')} size="lg" data-testid="erase-modal">
        {open && <EraseForm table={table} id={id} onDone={() => setOpen(false)} onCancel={() => setOpen(false)} />}
      </Modal>
    </>
  );
}
