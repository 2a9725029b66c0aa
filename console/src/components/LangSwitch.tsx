// The language selector: each language is named in itself, so either reader finds theirs.
import { LANGS, type Lang, useSetLang, useT } from '../i18n/index.ts'

const NAMES: Record<Lang, string> = { en: 'English', zh: '简体中文' }

export function LangSwitch() {
  const t = useT()
  const setLang = useSetLang()
  return (
    <label className="inline-field">
      <span>{t('common.language')}</span>
      <select value={t.lang} onChange={(e) => setLang(e.target.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l === 'zh' ? 'zh-CN' : 'en'}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  )
}
