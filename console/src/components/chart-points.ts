// Where the shared <Chart/> draws dots: a line without dots hides a lone value (one point, or a
// point between two gaps), so such points, and every point of a short series, get one.

/** At most this many values: a series is drawn with a dot on every point. */
const FEW_POINTS = 12

/** The dot radius of each point: a dot where the point would otherwise be invisible. */
export function pointRadii(points: ReadonlyArray<{ v: number | null }>): number[] {
  const few = points.filter((p) => p.v !== null).length <= FEW_POINTS
  return points.map((p, i) => {
    if (p.v === null) return 0
    if (few) return 3
    const alone = (points[i - 1]?.v ?? null) === null && (points[i + 1]?.v ?? null) === null
    return alone ? 3 : 0
  })
}
