/**
 * A route's path segments read from the request itself, decoded, each null when its escapes
 * are not UTF-8 (`%FF`): Next's own decoded `params` throw on those, which would be a 500.
 */
export function pathSegments(request: Request, from: number): (string | null)[] {
  return new URL(request.url).pathname
    .split('/')
    .slice(from)
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        return null
      }
    })
}
