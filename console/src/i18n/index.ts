// Translations: every string the console shows comes from here, in English and Simplified Chinese.
// To add an area: write i18n/<area>.ts (see keypairs.ts) and add ONE line to `areas` below.
// Keys are `<area>.<name>`; `t('keypairs.title')` is checked by TypeScript, `{name}` in a string is
// filled from `t(key, { name })`.
import { createContext, createElement, type ReactNode, useCallback, useContext, useMemo, useState } from 'react'
import account from './account.ts'
import admin from './admin.ts'
import common from './common.ts'
import home from './home.ts'
import images from './images.ts'
import instances from './instances.ts'
import keypairs from './keypairs.ts'
import money from './money.ts'
import quotas from './quotas.ts'
import settings from './settings.ts'
import securitygroups from './securitygroups.ts'
import vxnets from './vxnets.ts'
import eips from './eips.ts'
import routers from './routers.ts'
import nics from './nics.ts'
import snapshots from './snapshots.ts'
import tags from './tags.ts'
import volumes from './volumes.ts'
import loadbalancers from './loadbalancers.ts'
import certificates from './certificates.ts'
import lbpolicies from './lbpolicies.ts'
import clusters from './clusters.ts'
import adminapps from './adminapps.ts'

const areas = {
  common,
  account,
  home,
  keypairs,
  money,
  quotas,
  settings,
  admin,
  securitygroups,
  vxnets,
  eips,
  routers,
  nics,
  instances,
  volumes,
  images,
  snapshots,
  tags,
  loadbalancers,
  certificates,
  lbpolicies,
  clusters,
  adminapps,
  // ← one line per area, e.g. `compute,` after `import compute from './compute.ts'`
}

type Areas = typeof areas
export type MessageKey = { [A in keyof Areas]: keyof Areas[A]['en'] }[keyof Areas] & string
export type Lang = 'en' | 'zh'
export const LANGS: readonly Lang[] = ['en', 'zh']
export type Vars = Record<string, string | number>

const dictionaries: Record<Lang, Record<string, string>> = { en: {}, zh: {} }
for (const a of Object.values(areas)) {
  Object.assign(dictionaries.en, a.en)
  Object.assign(dictionaries.zh, a.zh)
}

const STORAGE_KEY = 'qinglocal.lang'

function initialLang(): Lang {
  const stored = localStorage.getItem(STORAGE_KEY)
  if (stored === 'en' || stored === 'zh') return stored
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

function fill(text: string, vars?: Vars): string {
  if (!vars) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

export type Translate = ((key: MessageKey, vars?: Vars) => string) & {
  /** For keys built at run time (a status from the API): the translation, or undefined when there is none. */
  maybe: (key: string, vars?: Vars) => string | undefined
  lang: Lang
}

function translator(lang: Lang): Translate {
  const dict = dictionaries[lang]
  const maybe = (key: string, vars?: Vars) => {
    const text = dict[key]
    return text === undefined ? undefined : fill(text, vars)
  }
  return Object.assign((key: MessageKey, vars?: Vars) => maybe(key, vars) ?? key, { maybe, lang })
}

interface LangState {
  t: Translate
  setLang: (lang: Lang) => void
}

const LangContext = createContext<LangState | null>(null)

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang)
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next)
    setLangState(next)
  }, [])
  const value = useMemo(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
    return { t: translator(lang), setLang }
  }, [lang, setLang])
  return createElement(LangContext.Provider, { value }, children)
}

function useLangState(): LangState {
  const state = useContext(LangContext)
  if (!state) throw new Error('useT outside LangProvider')
  return state
}

/** `const t = useT()`; `t('common.save')`, `t('common.selected', { count: 3 })`, `t.lang`. */
export function useT(): Translate {
  return useLangState().t
}

export function useSetLang(): (lang: Lang) => void {
  return useLangState().setLang
}
