// Hash routing (`/console/#/keypairs`), so the server needs no fallback for deep links. The query
// part of the hash (`#/verify?token=…`, from mailed links) is not part of the route: read it with
// hashParam().
import { type navigate, useHashLocation } from 'wouter/use-hash-location'

export function useConsoleLocation(): [string, typeof navigate] {
  const [location, go] = useHashLocation()
  return [location.split('?')[0] ?? '/', go]
}
/** Links render as `#/path`. */
useConsoleLocation.hrefs = (href: string) => `#${href}`

/** A parameter from the hash's query: hashParam('token') on `#/verify?token=abc` → 'abc'. */
export function hashParam(name: string): string {
  const query = window.location.hash.split('?')[1] ?? ''
  return new URLSearchParams(query).get(name) ?? ''
}
