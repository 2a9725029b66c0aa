// The console: providers (language, session, jobs), then either the public pages (sign-in,
// register, verify, password reset) or the shell — top bar, grouped navigation, the routed page and
// the job tray. Pages are registered in routes.ts.
import { useEffect, useState } from 'react'
import { Link, Redirect, Route, Router, Switch } from 'wouter'
import { SessionProvider, useSession } from './api/session.tsx'
import { JobsProvider, JobTray } from './components/JobProgress.tsx'
import { LangSwitch } from './components/LangSwitch.tsx'
import { LangProvider, useT } from './i18n/index.ts'
import { useConsoleLocation } from './location.ts'
import { RegisterPage } from './pages/account/register.tsx'
import { RequestResetPage, ResetPasswordPage } from './pages/account/reset.tsx'
import { SignInPage } from './pages/account/signin.tsx'
import { VerifyPage } from './pages/account/verify.tsx'
import { NAV_GROUPS, visibleRoutes } from './routes.ts'

export function App() {
  return (
    <LangProvider>
      <SessionProvider>
        <Router hook={useConsoleLocation} hrefs={useConsoleLocation.hrefs}>
          <Root />
        </Router>
      </SessionProvider>
    </LangProvider>
  )
}

function Root() {
  const t = useT()
  const { me } = useSession()
  if (me === undefined) return <p className="splash">{t('common.loading')}</p>
  if (me === null) return <PublicPages />
  return (
    <JobsProvider>
      <Shell />
    </JobsProvider>
  )
}

/** Pages for people not signed in; the verify and reset links work either way. */
function PublicPages() {
  return (
    <main className="public">
      <div className="public-top">
        <LangSwitch />
      </div>
      <Switch>
        <Route path="/signin" component={SignInPage} />
        <Route path="/register" component={RegisterPage} />
        <Route path="/verify" component={VerifyPage} />
        <Route path="/forgot" component={RequestResetPage} />
        <Route path="/reset" component={ResetPasswordPage} />
        <Route>
          <Redirect to="/signin" replace />
        </Route>
      </Switch>
    </main>
  )
}

function Shell() {
  const t = useT()
  const { me, zones, zone, setZone, signOut } = useSession()
  const [location] = useConsoleLocation()
  const [navOpen, setNavOpen] = useState(false)
  const [userOpen, setUserOpen] = useState(false)
  // a phone's menu closes once a page is chosen
  // biome-ignore lint/correctness/useExhaustiveDependencies: location is the trigger
  useEffect(() => setNavOpen(false), [location])
  if (!me) return null
  const pages = visibleRoutes(me.role)
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="topbar">
        <button type="button" className="menu-button" aria-expanded={navOpen} aria-controls="nav" onClick={() => setNavOpen(!navOpen)}>
          {t('common.menu')}
        </button>
        <Link href="/" className="brand">
          {t('common.product')}
        </Link>
        <div className="topbar-right">
          <label className="inline-field">
            <span>{t('common.zone')}</span>
            <select value={zone} onChange={(e) => setZone(e.target.value)}>
              {zones.map((z) => (
                <option key={z.zone_id} value={z.zone_id}>
                  {z.zone_id}
                </option>
              ))}
            </select>
          </label>
          <LangSwitch />
          <div className="user-menu">
            <button type="button" aria-expanded={userOpen} aria-haspopup="true" aria-label={t('common.userMenu')} onClick={() => setUserOpen(!userOpen)}>
              {me.user_name || me.email}
            </button>
            {userOpen && (
              <div className="user-menu-panel">
                <p>{me.email}</p>
                <p className="muted">
                  {me.user_id} · {me.role === 'admin' ? t('common.roleAdmin') : t('common.roleUser')}
                </p>
                <button type="button" onClick={() => void signOut()}>
                  {t('common.signOut')}
                </button>
              </div>
            )}
          </div>
        </div>
      </header>
      <nav id="nav" className={navOpen ? 'nav open' : 'nav'} aria-label={t('nav.main')}>
        {NAV_GROUPS.map((group) => {
          const entries = pages.filter((p) => p.group === group && !p.hidden)
          if (entries.length === 0) return null
          return (
            <div key={group} className="nav-group">
              <h2>{t(`nav.group.${group}`)}</h2>
              <ul>
                {entries.map((p) => (
                  <li key={p.path}>
                    <Link href={p.path} aria-current={location === p.path ? 'page' : undefined}>
                      {t(p.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          )
        })}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <Switch>
          <Route path="/signin">
            <Redirect to="/" replace />
          </Route>
          {pages.map((p) => (
            <Route key={p.path} path={p.path} component={p.component} />
          ))}
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </main>
      <JobTray />
    </div>
  )
}

function NotFound() {
  const t = useT()
  return (
    <section>
      <h1>{t('common.notFound')}</h1>
      <Link href="/">{t('common.backHome')}</Link>
    </section>
  )
}
