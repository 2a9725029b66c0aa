// What the account forms (register, password reset, change password) share: a submit handler that
// marks the form busy, clears the last error, runs the call and records success or the failure;
// and the primary button that says it is working meanwhile.
import { type FormEvent, useState } from 'react'
import { useT } from '../i18n/index.ts'

/** `run` throws to fail (an ApiFailure, or an Error of its own for a check made before the call). */
export function useSubmit(run: () => Promise<unknown>) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setDone(false)
    setError(null)
    try {
      await run()
      setDone(true)
    } catch (failure) {
      setError(failure)
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, done, submit }
}

export function SubmitButton({ busy, label }: { busy: boolean; label: string }) {
  const t = useT()
  return (
    <button type="submit" className="primary" disabled={busy}>
      {busy ? t('common.working') : label}
    </button>
  )
}
