import { ActionIcon, Anchor, Button, Card, FileInput, Group, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconPaperclip, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { downloadBase64, fileToBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LocalizedError } from '../../components/errors';
import { limit } from '../../components/limits';
import { formatInstant, type BreachDetail } from './common';
import { useUiLanguage } from '../../hooks/useUiLanguage';

/** Same limit as the service (BREACH_FILE_MAX_BYTES): refused here before the file is read. */
const MAX_FILE_BYTES = 15 * 1024 * 1024;

type BreachFile = BreachDetail['files'][number];

function sizeText(bytes: number, lang: string): string {
  const fmt = (n: number) => n.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
  const unit = lang === 'fr' ? { b: 'o', k: 'Kio', m: 'Mio' } : { b: 'B', k: 'KiB', m: 'MiB' };
  if (bytes < 1024) return `${bytes}\u00A0${unit.b}`;
  if (bytes < 1024 * 1024) return `${fmt(bytes / 1024)}\u00A0${unit.k}`;
  return `${fmt(bytes / 1024 / 1024)}\u00A0${unit.m}`;
}

/**
 * Evidence kept with a breach (log extracts, screenshots, the processor's notice, the CNIL receipt):
 * stored inside the encrypted workspace, listed with their size and SHA-256, downloadable, and moved to
 * the trash rather than deleted. Independent of the record's unsaved edits: adding a file saves only the file.
 */
export function EvidenceCard({ breachId, files, onChange, tz }: { breachId: string; files: BreachFile[]; onChange: (files: BreachFile[]) => void; tz: string }) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function add() {
    if (!file) return;
    setError(undefined);
    if (file.size > MAX_FILE_BYTES) {
      setError(new LocalizedError(t('breach.evidence.tooLarge', { name: file.name, size: (file.size / 1024 / 1024).toFixed(1) }), 'attachment_too_large'));
      return;
    }
    setBusy(true);
    try {
      const meta = await call('breaches.addFile', { id: breachId, fileName: file.name, contentBase64: await fileToBase64(file), mediaType: file.type || undefined, note: note.trim() || undefined });
      onChange([...files, meta]);
      setFile(null);
      setNote('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function remove(f: BreachFile) {
    if (!window.confirm(t('breach.evidence.confirmRemove', { name: f.fileName }))) return;
    setError(undefined);
    try {
      await call('breaches.removeFile', { id: f.id });
      onChange(files.filter((x) => x.id !== f.id));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Card withBorder padding="lg" data-testid="breach-evidence">
      <Title order={5}>{t('breach.evidence.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('breach.evidence.help')}
      </Text>
      {files.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="breach-evidence-empty">
          {t('breach.evidence.empty')}
        </Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('breach.evidence.file')}</Table.Th>
              <Table.Th>{t('breach.evidence.note')}</Table.Th>
              <Table.Th>{t('breach.evidence.size')}</Table.Th>
              <Table.Th>{t('breach.evidence.addedOn')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {files.map((f) => (
              <Table.Tr key={f.id} data-testid="breach-evidence-file" data-file-name={f.fileName}>
                <Table.Td>
                  {f.purged ? (
                    <Text size="sm" c="dimmed" title={`SHA-256 ${f.sha256}`} data-testid="breach-evidence-purged">
                      <Text span td="line-through">
                        {f.fileName}
                      </Text>{' '}
                      {t('breach.evidence.purged')}
                    </Text>
                  ) : (
                    <Tooltip label={`SHA-256 ${f.sha256}`} openDelay={400}>
                      <Anchor
                        size="sm"
                        component="button"
                        type="button"
                        onClick={() => void call('breaches.file', { id: f.id }).then((r) => downloadBase64(r.fileName, r.contentBase64, r.mediaType), setError)}
                        data-testid="breach-evidence-download"
                      >
                        <IconPaperclip size={12} /> {f.fileName}
                      </Anchor>
                    </Tooltip>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{f.note}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{sizeText(f.size, lang)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatInstant(f.createdAt, tz, lang)}</Text>
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" onClick={() => void remove(f)} aria-label={t('breach.evidence.remove', { name: f.fileName })} data-testid="breach-evidence-remove">
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Stack gap="xs" mt="md">
        <Group align="end" gap="xs" grow>
          <FileInput label={t('breach.evidence.pick')} description={t('breach.evidence.limit')} value={file} onChange={setFile} clearable leftSection={<IconPaperclip size={14} />} data-testid="breach-evidence-input" />
          <TextInput label={t('breach.evidence.note')} placeholder={t('breach.evidence.notePlaceholder')} value={note} onChange={(e) => setNote(e.currentTarget.value)} {...limit(note, 1000)} data-testid="breach-evidence-note" />
        </Group>
        <Button leftSection={<IconUpload size={16} />} disabled={!file} loading={busy} onClick={() => void add()} w="fit-content" data-testid="breach-evidence-add">
          {t('breach.evidence.add')}
        </Button>
      </Stack>
      <ErrorAlert error={error} />
    </Card>
  );
}
