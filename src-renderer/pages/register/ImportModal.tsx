import { Alert, Badge, Button, FileInput, Group, Modal, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { fileToBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobProgress } from '../../components/JobProgress';
import type { MethodOutput } from '../../../src-main/api/contract';
import { useUiLanguage } from '../../hooks/useUiLanguage';

type Preview = MethodOutput<'register.importPreview'>;

/** Import: choose a file, confirm the column mapping, read each row's errors, then import — nothing is written before. */
export function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const [file, setFile] = useState<File | null>(null);
  const [content, setContent] = useState('');
  const [preview, setPreview] = useState<Preview>();
  const [mapping, setMapping] = useState<Array<string | null>>([]);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function load(f: File | null, map?: Array<string | null>) {
    setError(undefined);
    if (!f) return;
    setBusy(true);
    try {
      const b64 = content && f === file ? content : await fileToBase64(f);
      setFile(f);
      setContent(b64);
      const p = await call('register.importPreview', { fileName: f.name, contentBase64: b64, lang, ...(map ? { mapping: map } : {}) });
      setPreview(p);
      setMapping(p.mapping);
    } catch (e) {
      setPreview(undefined);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function commit(skipInvalid: boolean) {
    if (!file || !preview) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await call('register.importCommit', { fileName: file.name, contentBase64: content, mapping, skipInvalid, lang });
      notifications.show({ color: 'teal', title: t('import.done', { count: r.imported }), message: file.name });
      close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setFile(null);
    setContent('');
    setPreview(undefined);
    setError(undefined);
    onClose();
  }

  const fieldOptions = (preview?.fields ?? []).map((f) => ({ value: f.id, label: f.label[lang] }));
  const errors = preview?.rows.flatMap((r) => r.errors) ?? [];

  return (
    <Modal opened={opened} onClose={close} size="xl" title={<Text fw={700}>{t('import.title')}</Text>} data-testid="import-modal">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('import.help')}
        </Text>
        <FileInput
          label={t('import.file')}
          accept=".csv,.xlsx,.ods"
          leftSection={<IconFileSpreadsheet size={16} />}
          value={file}
          onChange={(f) => {
            setContent('');
            void load(f);
          }}
          data-testid="import-file"
        />
        <JobProgress name="importPlan" active={busy} verb="reading" what={file?.name ?? t('register.import')} testId="import-progress" />
        <ErrorAlert error={error} />
        {preview && (
          <>
            <Text fw={600} size="sm">
              {t('import.mapping', { row: preview.headerRow + 1 })}
            </Text>
            <ScrollArea.Autosize mah={220}>
              <Table data-testid="import-mapping">
                <Table.Tbody>
                  {preview.headers.map((h, i) =>
                    h ? (
                      <Table.Tr key={i}>
                        <Table.Td w="45%">
                          <Text size="sm">{h}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Select
                            size="xs"
                            clearable
                            placeholder={t('import.ignore')}
                            value={mapping[i] ?? null}
                            data={fieldOptions}
                            onChange={(v) => {
                              const next = [...mapping];
                              next[i] = v;
                              setMapping(next);
                              void load(file, next);
                            }}
                          />
                        </Table.Td>
                      </Table.Tr>
                    ) : null,
                  )}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            <Group>
              <Badge color="teal" size="lg" data-testid="import-valid">
                {t('import.valid', { count: preview.valid })}
              </Badge>
              <Badge color={preview.invalid ? 'red' : 'gray'} size="lg" data-testid="import-invalid">
                {t('import.invalid', { count: preview.invalid })}
              </Badge>
            </Group>
            {errors.length > 0 && (
              <Alert color="red" title={t('import.errorsTitle')} data-testid="import-errors">
                <ScrollArea.Autosize mah={200}>
                  <Stack gap={4}>
                    {errors.map((e, k) => (
                      <Text size="sm" key={k} data-testid="import-error">
                        {t('import.rowError', { row: e.row, field: e.field, message: e.message })}
                      </Text>
                    ))}
                  </Stack>
                </ScrollArea.Autosize>
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              {preview.invalid > 0 && preview.valid > 0 && (
                <Button variant="light" loading={busy} onClick={() => void commit(true)} data-testid="import-skip-invalid">
                  {t('import.importValid', { count: preview.valid })}
                </Button>
              )}
              <Button loading={busy} disabled={preview.invalid > 0 || preview.valid === 0} onClick={() => void commit(false)} data-testid="import-commit">
                {t('import.importAll', { count: preview.valid })}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
