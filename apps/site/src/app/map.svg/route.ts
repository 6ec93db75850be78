import { env } from '@/env'
import { bubbleSvgResponse } from '@/lib/bubbleFile'
import { cms } from '@/lib/cms'

/** `GET /map.svg?axis=…&programme=…&mode=…`: the bubble view as a downloadable SVG file. */
export async function GET(request: Request): Promise<Response> {
  const client = await cms()
  return bubbleSvgResponse(
    new URL(request.url).searchParams,
    (params) => client.map.matrix(params),
    env().siteUrl,
  )
}
