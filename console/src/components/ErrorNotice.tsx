// An API failure as people see it: "1400 PermissionDenied, …" — the code, then the server's message
// (which names the problem). Code 0 is the network or an unreadable reply, said in the user's language.
import { ApiFailure } from '../api/client.ts'
import { useT } from '../i18n/index.ts'

export function errorText(error: unknown, t: ReturnType<typeof useT>): string {
  if (error instanceof ApiFailure) {
    if (error.code === 0) return error.message === 'network' ? t('common.networkError') : `${t('common.badReply')} (${error.message})`
    return `${error.code} ${error.message}`
  }
  return error instanceof Error ? error.message : String(error)
}

/** Renders nothing for a null error. `hint` is a sentence in words people understand, shown above the API's text. */
export function ErrorNotice({ error, hint }: { error: unknown; hint?: string | undefined }) {
  const t = useT()
  if (error === null || error === undefined) return null
  return (
    <div className="notice notice-error" role="alert">
      {hint && <p>{hint}</p>}
      <p className="notice-detail">{errorText(error, t)}</p>
    </div>
  )
}
