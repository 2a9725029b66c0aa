// A resource's status as a coloured, translated badge; a transition status (starting, deleting…) wins
// over the status and shows amber.
import { useT } from '../i18n/index.ts'

const GREEN = new Set(['running', 'active', 'available', 'successful', 'associated', 'in-use', 'enabled', 'ready', 'up', 'valid', 'sent', 'on'])
const GREY = new Set(['stopped', 'poweroffed', 'suspended', 'disabled', 'unverified', 'released', 'expired', 'kept', 'off', 'down'])
const RED = new Set(['deleted', 'terminated', 'ceased', 'failed', 'banned', 'done with failure', 'faulty'])

export function statusTone(status: string, transition = ''): 'green' | 'amber' | 'grey' | 'red' {
  if (transition !== '') return 'amber'
  if (GREEN.has(status)) return 'green'
  if (GREY.has(status)) return 'grey'
  if (RED.has(status)) return 'red'
  return 'amber' // pending, working and anything in between
}

export function StatusBadge({ status, transition = '' }: { status: string; transition?: string | undefined }) {
  const t = useT()
  const shown = transition !== '' ? transition : status
  return <span className={`badge badge-${statusTone(status, transition)}`}>{t.maybe(`status.${shown}`) ?? shown}</span>
}
