// Forms: `Field` labels any control; TextField / SelectField / CheckboxField cover the usual ones.
// `FormDialog` runs onSubmit, keeps the dialog open on failure and shows the API's message (1100
// names the parameter) above the buttons; on success it closes.
import { type FormEvent, type ReactNode, useId, useState } from 'react'
import { useT } from '../i18n/index.ts'
import { ErrorNotice } from './ErrorNotice.tsx'
import { Modal } from './Modal.tsx'

/** `<Field label="Name">{(id) => <input id={id} />}</Field>` — the label points at the control. */
export function Field({ label, hint, children }: { label: string; hint?: string | undefined; children: (id: string, hintId: string | undefined) => ReactNode }) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  )
}

interface TextFieldProps {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: string
  type?: 'text' | 'password' | 'email' | 'number' | 'datetime-local'
  required?: boolean
  multiline?: boolean
  autoComplete?: string
  placeholder?: string
}

export function TextField({ label, value, onChange, hint, type = 'text', required, multiline, autoComplete, placeholder }: TextFieldProps) {
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) =>
        multiline ? (
          <textarea id={id} aria-describedby={hintId} value={value} required={required} placeholder={placeholder} rows={4} onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input id={id} aria-describedby={hintId} type={type} value={value} required={required} autoComplete={autoComplete} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />
        )
      }
    </Field>
  )
}

export function SelectField({ label, value, onChange, options, hint }: { label: string; value: string; onChange: (value: string) => void; options: Array<{ value: string; label: string }>; hint?: string }) {
  return (
    <Field label={label} hint={hint}>
      {(id, hintId) => (
        <select id={id} aria-describedby={hintId} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId()
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}

interface FormDialogProps {
  title: string
  submitLabel: string
  onSubmit: () => Promise<void>
  onClose: () => void
  children: ReactNode
  wide?: boolean
}

export function FormDialog({ title, submitLabel, onSubmit, onClose, children, wide }: FormDialogProps) {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      await onSubmit()
      onClose()
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal title={title} onClose={onClose} wide={wide ?? false}>
      <form onSubmit={submit}>
        {children}
        <ErrorNotice error={error} />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('common.working') : submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  )
}
