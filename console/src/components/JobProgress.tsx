// Long operations: an action that answers a job_id is tracked here until DescribeJobs says
// successful or failed. `useJobs().track(reply.job_id, reload)` from any page (ActionButton does it
// for you); <JobTray/> in the shell lists them, <JobProgress/> shows one. A successful job leaves the
// tray by itself after a few seconds; a failed one stays until dismissed. While the tray shows, its
// height is published as --job-tray-height so the page reserves room below its content and the
// tray never covers a button at the bottom of a page.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { call } from '../api/client.ts'
import type { DescribeReply, Job } from '../api/types.ts'
import { useT } from '../i18n/index.ts'
import { ErrorNotice } from './ErrorNotice.tsx'
import { StatusBadge } from './StatusBadge.tsx'

const POLL_MS = 1000
const DONE = new Set(['successful', 'failed', 'done with failure'])
/** How long a successful job stays in the tray. */
const SUCCESS_LINGER_MS = 5000

/** Polls one job until it ends, then calls onDone once with the final job. */
export function JobProgress({ jobId, onDone }: { jobId: string; onDone?: (job: Job) => void }) {
  const t = useT()
  const [job, setJob] = useState<Job | null>(null)
  const [error, setError] = useState<unknown>(null)
  // read when the job ends: a new function each render must not restart polling
  const doneRef = useRef(onDone)
  doneRef.current = onDone
  useEffect(() => {
    let timer: number | undefined
    let stopped = false
    const poll = async () => {
      try {
        const reply = await call<DescribeReply<'job_set', Job>>('iaas', 'DescribeJobs', { jobs: [jobId], verbose: 1 })
        const found = reply.job_set[0]
        if (stopped) return
        if (found) setJob(found)
        if (found && DONE.has(found.status)) doneRef.current?.(found)
        else timer = window.setTimeout(poll, POLL_MS)
      } catch (failure) {
        if (!stopped) setError(failure)
      }
    }
    void poll()
    return () => {
      stopped = true
      window.clearTimeout(timer)
    }
  }, [jobId])
  const status = job?.status ?? 'pending'
  const vars = { action: job?.job_action ?? '', job: jobId }
  const text = status === 'successful' ? t('common.jobSuccessful', vars) : DONE.has(status) ? t('common.jobFailed', vars) : t('common.jobRunning', vars)
  return (
    <div className="job" role="status">
      <StatusBadge status={status} /> <span>{text}</span>
      {job?.error_codes ? <span className="notice-detail"> {job.error_codes}</span> : null}
      <ErrorNotice error={error} />
    </div>
  )
}

interface Tracked {
  jobId: string
  onDone?: ((job: Job) => void) | undefined
  done: boolean
}

interface JobsState {
  track: (jobId: string, onDone?: (job: Job) => void) => void
  tracked: Tracked[]
  dismiss: (jobId: string) => void
  finish: (jobId: string, status: string) => void
}

const JobsContext = createContext<JobsState | null>(null)

export function JobsProvider({ children }: { children: ReactNode }) {
  const [tracked, setTracked] = useState<Tracked[]>([])
  const track = useCallback((jobId: string, onDone?: (job: Job) => void) => setTracked((list) => [...list.filter((j) => j.jobId !== jobId), { jobId, onDone, done: false }]), [])
  const dismiss = useCallback((jobId: string) => setTracked((list) => list.filter((j) => j.jobId !== jobId)), [])
  const finish = useCallback(
    (jobId: string, status: string) => {
      setTracked((list) => list.map((j) => (j.jobId === jobId ? { ...j, done: true } : j)))
      if (status === 'successful') window.setTimeout(() => dismiss(jobId), SUCCESS_LINGER_MS)
    },
    [dismiss],
  )
  const value = useMemo(() => ({ track, tracked, dismiss, finish }), [track, tracked, dismiss, finish])
  return <JobsContext.Provider value={value}>{children}</JobsContext.Provider>
}

export function useJobs(): Pick<JobsState, 'track'> {
  const state = useContext(JobsContext)
  if (!state) throw new Error('useJobs outside JobsProvider')
  return state
}

/** The shell's list of tracked operations (bottom right). */
export function JobTray() {
  const t = useT()
  const state = useContext(JobsContext)
  const shown = (state?.tracked.length ?? 0) > 0
  const tray = useRef<HTMLElement>(null)
  useEffect(() => {
    const root = document.documentElement
    const element = tray.current
    if (!shown || !element) return
    const publish = () => root.style.setProperty('--job-tray-height', `${element.offsetHeight}px`)
    publish()
    const observer = new ResizeObserver(publish)
    observer.observe(element)
    return () => {
      observer.disconnect()
      root.style.removeProperty('--job-tray-height')
    }
  }, [shown])
  if (!state || !shown) return null
  return (
    <section className="job-tray" aria-label={t('common.jobs')} ref={tray}>
      {state.tracked.map((j) => (
        <div key={j.jobId} className="job-row">
          <JobProgress
            jobId={j.jobId}
            onDone={(job) => {
              if (j.done) return
              state.finish(j.jobId, job.status)
              j.onDone?.(job)
            }}
          />
          <button type="button" className="link" onClick={() => state.dismiss(j.jobId)} aria-label={`${t('common.dismiss')} ${j.jobId}`}>
            ×
          </button>
        </div>
      ))}
    </section>
  )
}
