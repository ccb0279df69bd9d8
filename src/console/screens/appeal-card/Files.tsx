import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useId, useState } from 'react';
import type { AttachmentView, AppealCard as Card } from '../../../contracts/console.schema.ts';
import { attachmentMimeTypes, limits } from '../../../contracts/limits.ts';
import { apiVoid } from '../../app/api.ts';
import { size } from '../../app/format.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Button, ErrorBanner } from '../../app/ui.tsx';
import { uploadAnswerFiles, useAppealFiles } from '../AnswerEditor.tsx';

/**
 * One stored file: its name and size, an inline preview for images the server wrote anew, a download for
 * everything else (a PDF is never opened in the browser's viewer, whose scripts would run).
 */
function FileItem({
  number,
  file,
  children,
}: {
  number: string;
  file: AttachmentView;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const url = `/api/v1/appeals/${number}/attachments/${file.id}`;
  return (
    <li>
      <span className="file-name">{file.filename}</span> <span className="muted">({size(file.size)})</span>{' '}
      {file.preview === 'image' ? (
        shown ? (
          <img src={url} alt={file.filename} className="preview" />
        ) : (
          <Button small onClick={() => setShown(true)}>
            {t('card.preview')}
          </Button>
        )
      ) : (
        <a href={url} download={file.filename}>
          {t('card.download')}
        </a>
      )}{' '}
      {children}
    </li>
  );
}

/** The applicant's own files. */
export function Attachments({ number }: { number: string }) {
  const { t } = useI18n();
  const files = (useAppealFiles(number).data ?? []).filter((f) => f.answerId === null);
  if (files.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="files-title">
      <h2 id="files-title">{t('card.attachments')}</h2>
      <ul className="files">
        {files.map((f) => (
          <FileItem key={f.id} number={number} file={f} />
        ))}
      </ul>
    </section>
  );
}

/** The files that go out with one answer; on the draft awaiting approval they can be added and removed. */
export function AnswerFiles({
  card,
  answerId,
  editable,
}: {
  card: Card;
  answerId: number;
  editable: boolean;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const files = (useAppealFiles(card.number).data ?? []).filter((f) => f.answerId === answerId);
  if (files.length === 0 && !editable) return null;
  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailure(null);
    setNotice('');
    try {
      await work();
      setNotice(done);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: ['attachments', card.number] });
    }
  };
  return (
    <div className="answer-files">
      <h3 className="small">{t('card.answerFiles')}</h3>
      <ErrorBanner error={failure} />
      {notice ? (
        <p className="small" role="status">
          {notice}
        </p>
      ) : null}
      {files.length > 0 ? (
        <ul className="files">
          {files.map((f) => (
            <FileItem key={f.id} number={card.number} file={f}>
              {editable ? (
                <Button
                  small
                  disabled={busy}
                  aria-label={`${t('card.removeFile')}: ${f.filename}`}
                  onClick={() =>
                    run(
                      () =>
                        apiVoid(`/api/v1/appeals/${card.number}/answer-files/${f.id}`, { method: 'DELETE' }),
                      '',
                    )
                  }
                >
                  {t('card.removeFile')}
                </Button>
              ) : null}
            </FileItem>
          ))}
        </ul>
      ) : null}
      {editable && files.length < limits.attachmentsMaxCount ? (
        <p>
          <label htmlFor={inputId}>{t('card.addFiles')}</label>{' '}
          <input
            id={inputId}
            type="file"
            multiple
            disabled={busy}
            accept={attachmentMimeTypes.join(',')}
            onChange={(event) => {
              const chosen = [...(event.currentTarget.files ?? [])];
              event.currentTarget.value = '';
              if (chosen.length > 0)
                void run(() => uploadAnswerFiles(card.number, chosen), t('card.filesAdded'));
            }}
          />
        </p>
      ) : null}
    </div>
  );
}
