// The QingCloud parameter encoding: flat `name=value` pairs on the wire, where `name.N` builds a
// list and `name.N.field` a list of objects. Also the typed parameter builders actions declare.
import Type, { type TSchema } from 'typebox'
import { ApiError } from '../errors.ts'

export type Pairs = Array<[string, string]>

/** Form-decodes a query string or x-www-form-urlencoded body (`+` is a space, %XX are UTF-8). */
export function decodePairs(text: string): Pairs {
  return [...new URLSearchParams(text)]
}

/**
 * decodePairs for a request's parameters: the same pairs, but a `%` not followed by two hex digits,
 * or escapes that are not UTF-8 (`%FF`), are a malformed request (1100) instead of a silent U+FFFD
 * that no signature could have covered.
 */
export function readPairs(text: string): Pairs {
  const pairs: Pairs = []
  for (const part of (text.startsWith('?') ? text.slice(1) : text).split('&')) {
    if (part === '') continue
    const at = part.indexOf('=')
    const name = formDecode(at < 0 ? part : part.slice(0, at), undefined)
    pairs.push([name, at < 0 ? '' : formDecode(part.slice(at + 1), name)])
  }
  return pairs
}

function formDecode(text: string, name: string | undefined): string {
  if (!text.includes('%') && !text.includes('+')) return text
  try {
    return decodeURIComponent(text.replaceAll('+', ' '))
  } catch {
    const what = name === undefined ? `parameter name [${text.length > 64 ? `${text.slice(0, 64)}…` : text}]` : `parameter ${name}`
    throw new ApiError('InvalidRequestFormat', `${what} is not valid percent-encoded UTF-8`)
  }
}

export type ParamValue = string | ParamValue[] | { [field: string]: ParamValue }
export type ParamTree = Record<string, ParamValue>

const LIST_ITEM = /^([^.]+)\.(\d+)(?:\.(.+))?$/

/**
 * Builds the parameter tree: `instances.2=b&instances.1=a` → `{ instances: ['a', 'b'] }`,
 * `rules.1.protocol=tcp` → `{ rules: [{ protocol: 'tcp' }] }`. Indexes order the list; gaps close
 * up. A name given twice, or both plain and as a list, is a malformed request.
 */
export function buildTree(pairs: Pairs): ParamTree {
  const seen = new Set<string>()
  const scalars: Record<string, string> = {}
  const lists = new Map<string, Map<number, string | Record<string, string>>>()

  for (const [name, value] of pairs) {
    // no text column can hold NUL (PostgreSQL refuses it), and no QingCloud value needs one
    if (name.includes('\0') || value.includes('\0')) throw new ApiError('InvalidRequestFormat', `parameter ${name.replaceAll('\0', '\\0')} contains a NUL character`)
    if (seen.has(name)) throw new ApiError('InvalidRequestFormat', `parameter ${name} is given more than once`)
    seen.add(name)
    const m = name.includes('.') ? LIST_ITEM.exec(name) : null
    if (!m) {
      scalars[name] = value
      continue
    }
    const [, base, indexText, field] = m as unknown as [string, string, string, string | undefined]
    const index = Number(indexText)
    let items = lists.get(base)
    if (!items) {
      items = new Map()
      lists.set(base, items)
    }
    const existing = items.get(index)
    if (field === undefined) {
      if (existing !== undefined) throw new ApiError('InvalidRequestFormat', `parameter ${name} mixes a value with fields`)
      items.set(index, value)
    } else {
      if (typeof existing === 'string') throw new ApiError('InvalidRequestFormat', `parameter ${name} mixes a value with fields`)
      const object = existing ?? {}
      object[field] = value
      items.set(index, object)
    }
  }

  if (lists.size === 0) return scalars
  const tree: ParamTree = { ...scalars }
  for (const [base, items] of lists) {
    if (base in scalars) throw new ApiError('InvalidRequestFormat', `parameter ${base} is given both as a value and as a list`)
    tree[base] = [...items.entries()].sort(([a], [b]) => a - b).map(([, v]) => v)
  }
  return tree
}

// ── builders for action parameter schemas ──────────────────────────────────────────────────────
// Wire values are strings; Value.Convert turns them into the declared types before the check.
// `x-keep-empty` marks the few parameters where an empty string means "set it to empty" rather
// than "not given" (the CLI sends `search_word=`, `login_keypair=` and the like on every call).

export const Str = (options: { maxLength?: number; pattern?: string; keepEmpty?: boolean } = {}) =>
  Type.String({
    ...(options.keepEmpty ? { 'x-keep-empty': true } : { minLength: 1 }),
    ...(options.maxLength !== undefined && { maxLength: options.maxLength }),
    ...(options.pattern !== undefined && { pattern: options.pattern }),
  })

/**
 * Integers stay within 32 bits unless the action narrows them further: every integer column is a
 * 32-bit `integer` on PostgreSQL, which refuses larger values in a comparison, not only in a write.
 */
export const INT32 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 } as const
export const Int = (options: { minimum?: number; maximum?: number } = {}) => Type.Integer({ ...INT32, ...options })

/** 0/1 on the wire; `true`/`false` also accepted since some docs write "Boolean". */
export const Flag = () => Type.Integer({ minimum: 0, maximum: 1, 'x-flag': true })

export const OneOf = <const T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)) as never) as unknown as ReturnType<typeof Type.String>

export const List = <T extends TSchema>(item: T) => Type.Array(item)

export const Optional = Type.Optional

/** The parameters every Describe action accepts (reference 1.7). */
export const describeParams = {
  offset: Optional(Int({ minimum: 0 })),
  limit: Optional(Int()),
  verbose: Optional(Int({ minimum: 0, maximum: 2 })),
  search_word: Optional(Str({ maxLength: 256 })),
  owner: Optional(Str()),
}

export const DEFAULT_LIMIT = 20
export const MAX_LIMIT = 100

/** `limit<=0` means the default (the Go SDK sends `limit=0` for DescribeTags); above 100 is capped. */
export function page(params: { offset?: number; limit?: number }): { offset: number; limit: number } {
  const limit = !params.limit || params.limit <= 0 ? DEFAULT_LIMIT : Math.min(params.limit, MAX_LIMIT)
  return { offset: params.offset ?? 0, limit }
}
