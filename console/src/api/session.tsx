// Who is signed in, and the zone iaas calls go to. Start-up asks DescribeMyself (cookie only): a live
// session comes back with its CSRF token, otherwise the sign-in page shows. `useSession()` anywhere
// below <SessionProvider>.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { ApiFailure, call, onSessionEnded, setCsrfToken, setZone as setClientZone } from './client.ts'
import type { DescribeReply, Me, Zone } from './types.ts'

interface SessionState {
  /** undefined while start-up asks the server; null when nobody is signed in. */
  me: Me | null | undefined
  zones: Zone[]
  zone: string
  setZone: (zone: string) => void
  /** After a successful Login: fetch the user and the zones. */
  refresh: () => Promise<void>
  signOut: () => Promise<void>
}

const SessionContext = createContext<SessionState | null>(null)
const ZONE_KEY = 'qinglocal.zone'

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined)
  const [zones, setZones] = useState<Zone[]>([])
  const [zone, setZoneState] = useState('')

  const setZone = useCallback((next: string) => {
    localStorage.setItem(ZONE_KEY, next)
    setClientZone(next)
    setZoneState(next)
  }, [])

  const refresh = useCallback(async () => {
    try {
      const user = await call<Me>('account', 'DescribeMyself')
      setCsrfToken(user.csrf_token)
      const reply = await call<DescribeReply<'zone_set', Zone>>('iaas', 'DescribeZones')
      const stored = localStorage.getItem(ZONE_KEY)
      const chosen = reply.zone_set.find((z) => z.zone_id === stored) ?? reply.zone_set[0]
      setZones(reply.zone_set)
      if (chosen) setZone(chosen.zone_id)
      setMe(user)
    } catch (error) {
      if (error instanceof ApiFailure && error.code !== 0) setMe(null)
      else throw error
    }
  }, [setZone])

  const signOut = useCallback(async () => {
    try {
      await call('account', 'Logout')
    } finally {
      setCsrfToken('')
      setMe(null)
    }
  }, [])

  useEffect(() => {
    onSessionEnded(() => {
      setCsrfToken('')
      setMe(null)
    })
    refresh().catch(() => setMe(null))
  }, [refresh])

  const value = useMemo(() => ({ me, zones, zone, setZone, refresh, signOut }), [me, zones, zone, setZone, refresh, signOut])
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionState {
  const state = useContext(SessionContext)
  if (!state) throw new Error('useSession outside SessionProvider')
  return state
}
