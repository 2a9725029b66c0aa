// Small helpers the money, settings and admin pages share: times in the reader's locale, yuan
// amounts, and a button that copies a secret shown once (an access key secret, an invite code).
import { useState } from 'react'
import { useT } from '../../i18n/index.ts'

type T = ReturnType<typeof useT>

/** An API time (UTC, ISO) in the reader's locale; '—' for none. */
export function when(t: T, iso: string | null | undefined): string {
  if (!iso) return t('common.none')
  return new Date(iso).toLocaleString(t.lang === 'zh' ? 'zh-CN' : 'en')
}

/** A yuan amount as the API writes it ("12.30") → "¥12.30". */
export const yuan = (amount: string | number) => `¥${amount}`

/** A local datetime-local value (2026-01-15T09:30) → the API's UTC form (2026-01-15T01:30:00Z); '' → undefined. */
export function toUtc(local: string): string | undefined {
  if (local.trim() === '') return undefined
  const at = new Date(local)
  return Number.isNaN(at.getTime()) ? local : `${at.toISOString().slice(0, 19)}Z`
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT()
  const [copied, setCopied] = useState(false)
  return (
    <button
      type="button"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true))
      }}
    >
      {copied ? t('settings.copied') : label}
    </button>
  )
}
