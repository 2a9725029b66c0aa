// One translation area: `area('keypairs', en, zh)`. Every key starts with the area's prefix (so two
// areas never collide; common.ts owns the `nav.` and `status.` prefixes too), and zh must have exactly en's keys: a missing or extra key fails `tsc -p console`.

export function area<const P extends string, E extends Record<string, string>>(_prefix: P | readonly P[], en: E & { [K in Exclude<keyof E, `${P}.${string}`>]: never }, zh: { [K in keyof E]: string }) {
  return { en, zh: zh as Record<keyof E, string> }
}
