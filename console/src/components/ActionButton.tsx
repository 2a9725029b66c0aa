// A button that runs one API action: busy while it runs, an optional confirm dialog (destructive
// actions), the failure shown next to it with its code, and — when the reply has a job_id — the job
// tracked in the shell's tray until it ends, then onDone (usually the list's reload).
import { useState } from 'react'
import { useT } from '../i18n/index.ts'
import { ErrorNotice } from './ErrorNotice.tsx'
import { useJobs } from './JobProgress.tsx'
import { Modal } from './Modal.tsx'

interface ActionButtonProps {
  label: string
  run: () => Promise<unknown>
  /** Called after run succeeds, or after its job ends when the reply has a job_id. */
  onDone?: () => void
  /** A sentence asking to confirm (destructive actions): the button then asks first. */
  confirm?: string
  danger?: boolean
  disabled?: boolean
}

export function ActionButton({ label, run, onDone, confirm, danger, disabled }: ActionButtonProps) {
  const t = useT()
  const { track } = useJobs()
  const [busy, setBusy] = useState(false)
  const [asking, setAsking] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const go = async () => {
    setAsking(false)
    setBusy(true)
    setError(null)
    try {
      const reply = await run()
      const jobId = reply && typeof reply === 'object' && 'job_id' in reply && typeof reply.job_id === 'string' ? reply.job_id : undefined
      if (jobId) track(jobId, () => onDone?.())
      onDone?.()
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return (
    <span className="action">
      <button type="button" className={danger ? 'danger' : undefined} disabled={disabled || busy} onClick={() => (confirm ? setAsking(true) : void go())}>
        {busy ? t('common.working') : label}
      </button>
      {asking && confirm && (
        <Modal title={t('common.confirmTitle')} onClose={() => setAsking(false)}>
          <p>{confirm}</p>
          <div className="dialog-buttons">
            <button type="button" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" className={danger ? 'danger' : 'primary'} onClick={() => void go()}>
              {label}
            </button>
          </div>
        </Modal>
      )}
      {error !== null && (
        <span className="action-error">
          <ErrorNotice error={error} />
          <button type="button" className="link" onClick={() => setError(null)}>
            {t('common.dismiss')}
          </button>
        </span>
      )}
    </span>
  )
}
