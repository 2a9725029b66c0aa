// The overview: balance (GetBalance) and how many of each resource the user has in the zone
// (total_count of a one-row Describe per kind).
import { useEffect, useState } from 'react'
import { Link } from 'wouter'
import { call } from '../../api/client.ts'
import { useSession } from '../../api/session.tsx'
import type { Balance } from '../../api/types.ts'
import { ErrorNotice } from '../../components/ErrorNotice.tsx'
import { type MessageKey, useT } from '../../i18n/index.ts'

type Count = { total_count: number }

interface Counts {
  instances: number
  volumes: number
  eips: number
  keypairs: number
  securityGroups: number
}

const TILES: Array<{ key: keyof Counts; label: MessageKey; href: string }> = [
  { key: 'instances', label: 'home.instances', href: '/instances' },
  { key: 'volumes', label: 'home.volumes', href: '/volumes' },
  { key: 'eips', label: 'home.eips', href: '/eips' },
  { key: 'keypairs', label: 'home.keypairs', href: '/keypairs' },
  { key: 'securityGroups', label: 'home.securityGroups', href: '/security-groups' },
]

export function OverviewPage() {
  const t = useT()
  const { me, zone } = useSession()
  const [balance, setBalance] = useState<Balance | null>(null)
  const [counts, setCounts] = useState<Counts | null>(null)
  const [error, setError] = useState<unknown>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: the counts are per zone; call() reads the zone
  useEffect(() => {
    let live = true
    const one = { limit: 1 }
    Promise.all([
      call<Balance>('iaas', 'GetBalance'),
      call<Count>('iaas', 'DescribeInstances', { ...one, status: ['pending', 'running', 'stopped', 'suspended'] }),
      call<Count>('iaas', 'DescribeVolumes', { ...one, status: ['pending', 'available', 'in-use', 'suspended'] }),
      call<Count>('iaas', 'DescribeEips', { ...one, status: ['pending', 'available', 'associated', 'suspended'] }),
      call<Count>('iaas', 'DescribeKeyPairs', one),
      call<Count>('iaas', 'DescribeSecurityGroups', one),
    ])
      .then(([b, i, v, e, k, s]) => {
        if (!live) return
        setBalance(b)
        setCounts({ instances: i.total_count, volumes: v.total_count, eips: e.total_count, keypairs: k.total_count, securityGroups: s.total_count })
      })
      .catch((failure: unknown) => live && setError(failure))
    return () => {
      live = false
    }
  }, [zone])

  return (
    <section>
      <h1>{t('home.title')}</h1>
      <p>{t('home.welcome', { name: me?.user_name || me?.email || '' })}</p>
      <ErrorNotice error={error} />
      <div className="tiles">
        <div className="tile">
          <h2>{t('home.balance')}</h2>
          <p className="tile-value">{balance ? t('home.yuan', { amount: balance.balance }) : '…'}</p>
        </div>
      </div>
      <h2>{t('home.resources', { zone })}</h2>
      <div className="tiles">
        {TILES.map((tile) => (
          <Link key={tile.key} href={tile.href} className="tile">
            <h3>{t(tile.label)}</h3>
            <p className="tile-value">{counts ? counts[tile.key] : '…'}</p>
          </Link>
        ))}
      </div>
    </section>
  )
}
